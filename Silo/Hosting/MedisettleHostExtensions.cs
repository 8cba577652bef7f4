using System.Net;
using System.Security.Cryptography;
using Medisettle.Gateway;
using Medisettle.Gateway.Admin;
using Medisettle.Grains.Hosting;
using Medisettle.Runtime.Hosting;

namespace Medisettle.Silo.Hosting;

/// <summary>Registration of the silo program: storage, settlement grains, gateway on loopback, admin API.</summary>
public static class MedisettleHostExtensions
{
    /// <summary>Reads and validates <see cref="SiloHostOptions"/> and registers the silo with the co-hosted gateway.</summary>
    public static SiloHostOptions AddMedisettleSilo(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Configuration.AddEnvironmentVariables("MEDISETTLE_");
        var options = new SiloHostOptions();
        builder.Configuration.Bind(options);
        options.DataDir = builder.Configuration["data-dir"] ?? options.DataDir;
        options.AdminToken = builder.Configuration["ADMIN_TOKEN"] ?? options.AdminToken;
        if (options.Problems() is { Count: > 0 } problems)
        {
            throw new InvalidOperationException("Invalid silo options: " + string.Join(" ", problems));
        }

        Directory.CreateDirectory(options.DataDir);
        options.AdminToken ??= LoadOrCreateAdminToken(options.DataDir);
        builder.Services.AddSingleton(options);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning).AddFilter("Microsoft.Hosting", LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        var silo = builder.Services.AddSilo();
        if (options.Storage == "postgres")
        {
            silo.UsePostgresStorage(pg => pg.ConnectionString = options.Connection!);
        }
        else
        {
            silo.UseSqliteStorage(sqlite => sqlite.DatabasePath = Path.Combine(options.DataDir, "silo.db"));
        }

        silo.AddSettlementGrains(settlement => settlement.ActivatedPacksDirectory = Path.Combine(options.DataDir, "packs"));
        builder.Services.AddGateway(gateway => gateway.AdminToken = options.AdminToken);
        builder.Services.AddSettlementTransactions();
        builder.Services.AddSingleton<DemoBootstrap>();
        return options;
    }

    /// <summary>Maps the gateway (platform transactions, health, metrics, OpenAPI) and the admin API.</summary>
    public static WebApplication MapMedisettle(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGateway();
        app.MapAdminApi();
        return app;
    }

    /// <summary>Seeds the demo data on first start, writes demo-credentials.json and prints an example request.</summary>
    public static Task SeedDemoDataAsync(this WebApplication app, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Services.GetRequiredService<DemoBootstrap>().RunAsync(cancellationToken);
    }

    /// <summary>Prints the single "ready" line.</summary>
    public static void AnnounceReady(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<SiloHostOptions>();
        Console.WriteLine($"Medisettle silo ready on http://127.0.0.1:{options.Port} (Ctrl-C to stop)");
    }

    private static string LoadOrCreateAdminToken(string dataDir)
    {
        var path = Path.Combine(dataDir, "admin-token");
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        var token = RandomNumberGenerator.GetHexString(48, lowercase: true);
        File.WriteAllText(path, token + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return token;
    }
}
