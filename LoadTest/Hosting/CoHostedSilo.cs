using System.Net;
using System.Net.Sockets;
using Medisettle.Grains.Hosting;
using Medisettle.LoadTest.Targets;
using Medisettle.Storage.Schema;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Medisettle.LoadTest.Hosting;

/// <summary>
/// The Orleans silo the in-process commands host in this process: localhost clustering on a free loopback port, no
/// gateway (nothing connects from outside; callers use the host's <see cref="IGrainFactory"/>), Orleans' log noise
/// filtered, idle activations kept for the whole run.
/// </summary>
public static class CoHostedSilo
{
    /// <summary>A host builder with the silo configured; <paramref name="configure"/> adds storage and grains.</summary>
    public static HostApplicationBuilder CreateBuilder(TimeSpan collectionAge, Action<ISiloBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning).AddOrleansNoiseFilters();
        builder.UseOrleans(silo =>
        {
            // Not Orleans' default 11111/30000: a benchmark or a test may run beside a silo. Gateway port 0 = no gateway.
            silo.UseLocalhostClustering(siloPort: FreeLoopbackPort(), gatewayPort: 0);
            silo.UseSettlementActivationCollection(collectionAge);
            configure(silo);
        });
        return builder;
    }

    /// <summary>
    /// Readies the storage before the silo starts: a fresh SQLite file (unless the data is already seeded), or, for the
    /// Orleans AdoNet baseline, the project's own idempotent setup of the tables and <c>OrleansQuery</c> rows the provider reads.
    /// </summary>
    public static async Task PrepareStorageAsync(InProcessOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        switch (options.Storage)
        {
            case StorageKind.Sqlite when !options.AlreadySeeded:
                var path = Path.GetFullPath(options.DatabasePath);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                SqliteConnection.ClearAllPools();
                foreach (var suffix in new[] { "", "-wal", "-shm" })
                {
                    File.Delete(path + suffix);
                }

                break;
            case StorageKind.AdoNetPostgres:
                await PostgresSchema.ApplyAsync(RequireConnectionString(options), [OrleansQueryTable.Part, OrleansPersistenceSchema.Part], cancellationToken);
                break;
        }
    }

    /// <summary>
    /// Caps the thread pool's worker threads at <paramref name="workerThreadsMax"/> (at least the core count; 0 = leave the
    /// runtime's default). For the whole process: grain turns never block, and extra pool threads only take CPU from the
    /// group-commit writer thread.
    /// </summary>
    public static void CapWorkerThreads(int workerThreadsMax)
    {
        if (workerThreadsMax > 0)
        {
            ThreadPool.GetMaxThreads(out _, out var completionPorts);
            ThreadPool.SetMaxThreads(Math.Max(workerThreadsMax, Environment.ProcessorCount), completionPorts);
        }
    }

    internal static string RequireConnectionString(InProcessOptions options) =>
        string.IsNullOrWhiteSpace(options.ConnectionString)
            ? throw new ArgumentException($"InProcessOptions.ConnectionString must be set for storage {options.Storage}; it is empty.", nameof(options))
            : options.ConnectionString;

    internal static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
