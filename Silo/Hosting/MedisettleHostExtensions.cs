using System.Net;
using System.Security.Cryptography;
using Medisettle.Gateway;
using Medisettle.Gateway.Admin;
using Medisettle.Gateway.Operations;
using Medisettle.Grains;
using Medisettle.Grains.Hosting;
using Medisettle.Interfaces;
using Medisettle.Storage.Hosting;
using Orleans.Dashboard;

namespace Medisettle.Silo.Hosting;

/// <summary>Registration of the silo program: Orleans silo (localhost clustering, group-commit storage), settlement grains, gateway on loopback, admin API.</summary>
public static class MedisettleHostExtensions
{
    /// <summary>The SQLite database in the data directory.</summary>
    public const string DatabaseFileName = "silo.db";

    /// <summary>The generated admin token in the data directory (never written when the token is given).</summary>
    public const string AdminTokenFileName = "admin-token";

    /// <summary>The OpenTelemetry <c>service.name</c> of every process of this program (silo or stand-alone gateway).</summary>
    public const string TelemetryServiceName = "medisettle";

    /// <summary>Where the Orleans Dashboard is served.</summary>
    public const string DashboardPath = "/dashboard";

    /// <summary>Reads and validates <see cref="SiloHostOptions"/> and registers the silo with the co-hosted gateway.</summary>
    public static SiloHostOptions AddMedisettleSilo(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = SiloHostOptions.Read(builder.Configuration);
        if (options.Problems() is { Count: > 0 } problems)
        {
            throw new SiloStartupException("Invalid silo options: " + string.Join(" ", problems));
        }

        PrivateFiles.RestrictProcessUmask();
        DataDirectory.Prepare("--data-dir", options.DataDir, DatabaseFileName, DatabaseFileName + "-wal", DatabaseFileName + "-shm", AdminTokenFileName, DemoBootstrap.CredentialsFileName);
        DataDirectory.Prepare("--keys-dir", options.KeysDirectory);
        if (options.AdminToken is null)
        {
            options.AdminToken = LoadOrCreateAdminToken(options.DataDir);
            options.AdminTokenInDataDir = true;
        }

        builder.AddGatewayHost(options);
        builder.UseOrleans(silo =>
        {
            silo.UseMedisettleClustering(options);
            silo.UseSettlementActivationCollection(TimeSpan.FromMinutes(10));
            if (options.Storage == "postgres")
            {
                silo.AddPostgresGroupCommitStorageAsDefault(pg => pg.ConnectionString = options.Connection!);
                silo.UseAdoNetReminderService(reminders =>
                {
                    reminders.Invariant = ClusterHosting.Invariant;
                    reminders.ConnectionString = options.Connection;
                });
            }
            else
            {
                silo.AddSqliteGroupCommitStorageAsDefault(sqlite => sqlite.DatabasePath = Path.Combine(options.DataDir, DatabaseFileName));
                silo.UseSqliteReminderService(sqlite => sqlite.DatabasePath = Path.Combine(options.DataDir, DatabaseFileName));
            }

            silo.AddSettlementGrains(settlement => settlement.VisitMessageRetention = VisitMessageRetentionFor(builder.Configuration));
            silo.AddFundJobSchedule();
            silo.AddActivityPropagation();
            if (options.DashboardOn)
            {
                silo.AddDashboard();
            }

            silo.AddStartupTask<DemoBootstrap>();
        });
        return options;
    }

    /// <summary>
    /// What a silo with its co-hosted gateway and a stand-alone gateway share: the options as a service, the settlement
    /// clock (started at <c>--clock-start</c> when given), the key ring, quiet framework logs, Kestrel on loopback, the
    /// gateway with every transaction, and telemetry.
    /// </summary>
    internal static void AddGatewayHost(this WebApplicationBuilder builder, SiloHostOptions options)
    {
        builder.Services.AddSingleton(options);
        if (options.ClockStartInstant is { } start)
        {
            builder.Services.AddKeyedSingleton<TimeProvider>(SettlementClock.ServiceKey, new StartedClock(TimeProvider.System, start));
        }

        builder.Services.AddCredentialProtection(options.KeysDirectory);
        builder.Logging
            .AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
            .AddFilter("Microsoft.Hosting", LogLevel.Warning)
            .AddOrleansNoiseFilters();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        var gatewaySettings = builder.Configuration.GetSection("Gateway"); // e.g. --Gateway:TransactionsInFlightMax 512
        CheckGatewaySettings(gatewaySettings, options.AdminToken);
        builder.Services.AddGateway(gateway =>
        {
            gatewaySettings.Bind(gateway);
            gateway.AdminToken = options.AdminToken;
        });
        builder.Services.AddSettlementTransactions();
        builder.Services.AddMedisettleTelemetry(TelemetryServiceName, builder.Configuration);
    }

    /// <summary>
    /// Maps the gateway (platform transactions, health, metrics, OpenAPI), the admin API, and, behind the admin
    /// credential, the operator page <c>/ops</c> and the Orleans Dashboard under <c>/dashboard</c>.
    /// </summary>
    public static WebApplication MapMedisettle(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseOperatorAccess();
        app.MapGateway();
        app.MapAdminApi();
        app.MapOperatorPage();
        if (app.Services.GetRequiredService<SiloHostOptions>().DashboardOn)
        {
            app.MapOrleansDashboard(routePrefix: DashboardPath);
        }

        return app;
    }

    /// <summary>Prints the single "ready" line.</summary>
    public static void AnnounceReady(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<SiloHostOptions>();
        if (app.Services.GetRequiredKeyedService<TimeProvider>(SettlementClock.ServiceKey) is StartedClock clock)
        {
            Console.WriteLine($"Settlement clock started at {clock.Start:yyyy-MM-dd'T'HH:mm:sszzz} (--clock-start: test and training environments only); it now reads {clock.GetUtcNow().ToOffset(clock.Start.Offset):yyyy-MM-dd'T'HH:mm:sszzz}");
        }

        var what = app.Services.GetService<ILocalSiloDetails>() is { } silo
            ? options.IsCluster ? $"silo {silo.SiloAddress} of cluster '{options.ClusterId}'" : "silo"
            : $"gateway of cluster '{options.ClusterId}'";
        Console.WriteLine($"Medisettle {what} ready on http://127.0.0.1:{options.Port} (Ctrl-C to stop)");
    }

    private static string LoadOrCreateAdminToken(string dataDir)
    {
        var path = Path.Combine(dataDir, AdminTokenFileName);
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        var token = RandomNumberGenerator.GetHexString(48, lowercase: true);
        PrivateFiles.WriteAllBytes(path, System.Text.Encoding.UTF8.GetBytes(token + "\n"));

        return token;
    }

    /// <summary>
    /// How long visits remember accepted message ids (<see cref="SettlementOptions.VisitMessageRetention"/>): its default,
    /// or twice the gateway's replay window and 5 minutes when that is longer, since a repeat of a request can reach the
    /// visit up to twice the window after the first. Every gateway of a cluster uses the same window (docs/gateway.md).
    /// </summary>
    public static TimeSpan VisitMessageRetentionFor(IConfiguration configuration)
    {
        var gateway = new GatewayOptions();
        configuration.GetSection("Gateway").Bind(gateway);
        var needed = 2 * gateway.ReplayWindow + TimeSpan.FromMinutes(5);
        var retention = new SettlementOptions().VisitMessageRetention;
        return needed > retention ? needed : retention;
    }

    /// <summary>
    /// The gateway's limits from configuration (<c>--Gateway:Name value</c> or <c>MEDISETTLE_Gateway__Name</c>), checked
    /// before anything starts: a value that is not of the option's type, or out of its range, stops the program with one
    /// line naming the option and the value.
    /// </summary>
    private static void CheckGatewaySettings(IConfigurationSection settings, string? adminToken)
    {
        var gateway = new GatewayOptions();
        try
        {
            settings.Bind(gateway);
        }
        catch (InvalidOperationException e)
        {
            throw new SiloStartupException($"--Gateway: {e.Message}", e);
        }

        gateway.AdminToken = adminToken;
        var result = new GatewayOptionsValidator().Validate(null, gateway);
        if (result.Failed)
        {
            throw new SiloStartupException("--Gateway: " + string.Join(" ", result.Failures));
        }
    }
}
