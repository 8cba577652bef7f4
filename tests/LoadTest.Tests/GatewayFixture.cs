using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Medisettle.Grains.Demo;
using Medisettle.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Xunit;

namespace Medisettle.LoadTest.Tests;

/// <summary>
/// A real target for the HTTP commands: the silo program's own host setup (Orleans silo, group-commit SQLite storage,
/// co-hosted gateway on a free loopback port) started in this process on a temp data directory, with a small demo
/// (200 persons, 30 institutions: the planner needs at least 25).
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public const string AdminToken = "loadtest-admin-token-0123456789abcdef0123";
    public const int Persons = 200;
    public const int Institutions = 30;

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("loadtest-gateway-");
    private WebApplication? _app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The demo institutions' secrets, as the silo wrote them to its demo-credentials.json (random per data directory).</summary>
    public DemoCredentials Credentials { get; private set; } = null!;

    /// <summary>The silo's demo-credentials.json.</summary>
    public string CredentialsPath => Path.Combine(_directory.FullName, "data", DemoBootstrap.CredentialsFileName);

    /// <summary>A directory of this fixture for files of the tests (acks, reports).</summary>
    public string WorkDirectory => _directory.FullName;

    public async Task InitializeAsync()
    {
        var port = FreePort();
        var dataDirectory = Path.Combine(_directory.FullName, "data");
        var builder = WebApplication.CreateSlimBuilder(
        [
            "--port", Text(port), "--silo-port", Text(FreePort()), "--gateway-port", Text(FreePort()),
            "--data-dir", dataDirectory, "--persons", Text(Persons), "--institutions", Text(Institutions),
            "--AdminToken", AdminToken,
        ]);
        builder.AddMedisettleSilo();
        _app = builder.Build();
        _app.MapMedisettle();
        await _app.StartAsync();
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        Credentials = DemoCredentials.ReadFile(CredentialsPath);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
