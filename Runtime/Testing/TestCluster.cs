using Medisettle.Runtime.Catalog;
using Medisettle.Runtime.Configuration;
using Medisettle.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Medisettle.Runtime.Testing;

/// <summary>
/// An in-process silo and its client for tests (Orleans: <c>TestCluster</c>), on a <see cref="ManualTimeProvider"/>.
/// <see cref="RestartAsync"/> stops the silo (deactivating and flushing) and starts a new one on the same
/// storage, to test that state reloads.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly Action<ISiloBuilder>? _configure;
    private readonly Action<SiloOptions>? _configureSilo;
    private readonly TestStorage _storage;
    private readonly string? _ownedDirectory;
    private IHost? _host;

    private TestCluster(Action<ISiloBuilder>? configure, Action<SiloOptions>? configureSilo, TestStorage storage, string? ownedDirectory, ManualTimeProvider time)
    {
        _configure = configure;
        _configureSilo = configureSilo;
        _storage = storage;
        _ownedDirectory = ownedDirectory;
        Time = time;
    }

    public ManualTimeProvider Time { get; }

    public IServiceProvider Services => Host.Services;

    public IClusterClient Client => Services.GetRequiredService<IClusterClient>();

    /// <summary>Activations in the silo now.</summary>
    public int ActivationCount => Catalog.ActivationCount;

    private IHost Host => _host ?? throw new InvalidOperationException("The test cluster is stopped.");

    private GrainCatalog Catalog => Services.GetRequiredService<GrainCatalog>();

    /// <summary>
    /// Starts a silo. Without <paramref name="storage"/> it uses SQLite in a fresh temporary directory that
    /// is deleted on dispose.
    /// </summary>
    public static async Task<TestCluster> StartAsync(
        Action<ISiloBuilder>? configure = null,
        TestStorage? storage = null,
        Action<SiloOptions>? configureSilo = null,
        CancellationToken cancellationToken = default)
    {
        string? ownedDirectory = null;
        if (storage is null)
        {
            ownedDirectory = Path.Combine(Path.GetTempPath(), $"medisettle-test-{Guid.NewGuid():N}");
            storage = TestStorage.Sqlite(Path.Combine(ownedDirectory, "silo.db"));
        }

        var cluster = new TestCluster(configure, configureSilo, storage, ownedDirectory, new ManualTimeProvider());
        await cluster.StartSiloAsync(cancellationToken);
        return cluster;
    }

    /// <summary>Runs one idle-collection pass now (as the collector timer would); returns how many were collected.</summary>
    public Task<int> CollectIdleActivationsAsync() => Catalog.CollectIdleActivationsAsync();

    /// <summary>Stops the silo gracefully and starts a new one on the same storage and clock.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync(cancellationToken);
        await StartSiloAsync(cancellationToken);
    }

    /// <summary>Stops the silo: deactivates every activation and flushes pending writes.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_host is null)
        {
            return;
        }

        var host = _host;
        _host = null;
        await host.StopAsync(cancellationToken);
        if (host is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync();
        }
        else
        {
            host.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_ownedDirectory is not null && Directory.Exists(_ownedDirectory))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_ownedDirectory, recursive: true);
        }
    }

    private async Task StartSiloAsync(CancellationToken cancellationToken)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddLogging();
        builder.Services.AddSingleton<TimeProvider>(Time);
        var silo = builder.Services.AddSilo(_configureSilo);
        _storage.Apply(silo);
        _configure?.Invoke(silo);
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        _host = host;
    }
}
