using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Medisettle.Grains.Demo;
using Medisettle.Grains.Policy;
using Medisettle.Grains.PolicyPacks;
using Medisettle.Interfaces;
using Medisettle.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Medisettle.LoadTest.Replay;

/// <summary>
/// A throw-away silo with its co-hosted gateway for <c>replay</c>: the silo program's own host setup
/// (<see cref="MedisettleHostExtensions.AddMedisettleSilo"/>) on a new temp data directory (deleted on dispose; never a
/// live one), the gateway on a free loopback port, the deterministic demo data seeded at start, the packs given
/// (<see cref="PolicyCatalogProvider"/> replaced), and a <see cref="FakeTimeProvider"/> as the settlement clock, which the
/// replay sets to each request's <c>inf_time</c>. The signing clock stays real: requests are signed afresh with this
/// host's demo secrets.
/// </summary>
public sealed class ScratchSilo : IAsyncDisposable
{
    private static readonly SemaphoreSlim StartTurn = new(1, 1);

    private readonly DirectoryInfo _directory;
    private readonly WebApplication _app;

    private ScratchSilo(DirectoryInfo directory, WebApplication app, FakeTimeProvider clock, Uri baseAddress, DemoCredentials credentials)
    {
        _directory = directory;
        _app = app;
        Clock = clock;
        BaseAddress = baseAddress;
        Credentials = credentials;
    }

    /// <summary>The settlement clock (business time) of the silo and its gateway.</summary>
    public FakeTimeProvider Clock { get; }

    public Uri BaseAddress { get; }

    /// <summary>The silo's temp directory (deleted on dispose).</summary>
    public string DirectoryPath => _directory.FullName;

    /// <summary>This host's demo institutions' secrets (random per data directory).</summary>
    public DemoCredentials Credentials { get; }

    /// <summary>Starts the host with demo persons 0..<paramref name="persons"/>-1 and institutions 0..<paramref name="institutions"/>-1, the clock at <paramref name="clockStart"/>.</summary>
    /// <remarks>
    /// The ports are chosen free and then bound: another process or test may take one in between. A start that finds a
    /// port taken is made again on new ports, up to <see cref="StartAttemptsMax"/> times.
    /// </remarks>
    public static Task<ScratchSilo> StartAsync(int persons, int institutions, PolicyPackCatalog packs, DateTimeOffset clockStart, CancellationToken cancellationToken) =>
        StartAsync(persons, institutions, packs, clockStart, FreeLoopbackPort, Path.GetTempPath(), cancellationToken);

    /// <summary>
    /// As the public overload, with the ports (HTTP, silo, Orleans gateway, in that order for each start) taken from
    /// <paramref name="choosePort"/> and the silo's directory made in <paramref name="tempRoot"/>.
    /// </summary>
    internal static async Task<ScratchSilo> StartAsync(
        int persons, int institutions, PolicyPackCatalog packs, DateTimeOffset clockStart, Func<int> choosePort, string tempRoot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(packs);
        ArgumentNullException.ThrowIfNull(choosePort);
        ArgumentNullException.ThrowIfNull(tempRoot);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnPortsAsync(persons, institutions, packs, clockStart, choosePort, tempRoot, cancellationToken);
            }
            catch (Exception exception) when (attempt < StartAttemptsMax && IsPortTaken(exception))
            {
            }
        }
    }

    /// <summary>Starts made before a port taken between choosing and binding it is reported.</summary>
    internal const int StartAttemptsMax = 3;

    private static bool IsPortTaken(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is Microsoft.AspNetCore.Connections.AddressInUseException
                || exception is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
            {
                return true;
            }
        }

        return false;
    }

    private static async Task<ScratchSilo> StartOnPortsAsync(
        int persons, int institutions, PolicyPackCatalog packs, DateTimeOffset clockStart, Func<int> choosePort, string tempRoot, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateDirectory(Path.Combine(tempRoot, "medisettle-replay-" + RandomNumberGenerator.GetHexString(12, lowercase: true)));
        WebApplication? app = null;
        try
        {
            var port = choosePort();
            var data = Path.Combine(directory.FullName, "data");
            var builder = WebApplication.CreateSlimBuilder(
            [
                "--port", Text(port), "--silo-port", Text(choosePort()), "--gateway-port", Text(choosePort()),
                "--data-dir", data, "--persons", Text(persons), "--institutions", Text(institutions),
                "--AdminToken", RandomNumberGenerator.GetHexString(48, lowercase: true),
            ]);
            builder.AddMedisettleSilo();
            builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error); // a throw-away key ring
            var clock = new FakeTimeProvider(clockStart);
            // Registered after the silo's own: the last registration is the one resolved.
            builder.Services.AddKeyedSingleton<TimeProvider>(SettlementClock.ServiceKey, clock);
            builder.Services.AddSingleton(new PolicyCatalogProvider(packs));
            app = builder.Build();
            app.MapMedisettle();
            await StartQuietlyAsync(app, cancellationToken);
            var credentials = DemoCredentials.ReadFile(Path.Combine(data, DemoBootstrap.CredentialsFileName));
            return new ScratchSilo(directory, app, clock, new Uri($"http://127.0.0.1:{Text(port)}"), credentials);
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }

    /// <summary>Starts the host without the silo program's start-up lines on stdout (seeding progress, a signed example request for this throw-away host).</summary>
    /// <remarks>Console.Out is the process's: starts take turns, so the writer put back is always the one found.</remarks>
    private static async Task StartQuietlyAsync(WebApplication app, CancellationToken cancellationToken)
    {
        await StartTurn.WaitAsync(cancellationToken);
        var stdout = Console.Out;
        Console.SetOut(TextWriter.Null);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        finally
        {
            Console.SetOut(stdout);
            StartTurn.Release();
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    internal static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
