using Medisettle.Runtime.Catalog;
using Medisettle.Runtime.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Medisettle.Runtime.Hosting;

/// <summary>
/// Runs the silo in the generic host: on start, creates the storage schema and starts the group-commit
/// writer and the idle collector; on stop, deactivates every activation (OnDeactivateAsync runs and may
/// write) and then flushes the pending writes.
/// </summary>
internal sealed partial class SiloHostedService(GrainCatalog catalog, AdoGrainStorage storage, ILogger<SiloHostedService> log) : IHostedService, IAsyncDisposable
{
    private ITimer? _collectionTimer;
    private int _collecting;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await storage.StartAsync(cancellationToken);
        var interval = catalog.Options.CollectionInterval;
        _collectionTimer = catalog.Time.CreateTimer(_ => _ = CollectAsync(), null, interval, interval);
        LogStarted(log, catalog.Options.PartitionCount);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        LogStopping(log);
        if (_collectionTimer is not null)
        {
            await _collectionTimer.DisposeAsync();
        }

        await catalog.DeactivateAllAsync();
        await storage.StopAsync();
        LogStopped(log);
    }

    public async ValueTask DisposeAsync()
    {
        if (_collectionTimer is not null)
        {
            await _collectionTimer.DisposeAsync();
        }
    }

    private async Task CollectAsync()
    {
        if (Interlocked.Exchange(ref _collecting, 1) == 1)
        {
            return; // the previous pass is still running
        }

        try
        {
            await catalog.CollectIdleActivationsAsync();
        }
        catch (Exception exception)
        {
            LogCollectionFailed(log, exception);
        }
        finally
        {
            Volatile.Write(ref _collecting, 0);
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Silo started with {PartitionCount} partitions")]
    private static partial void LogStarted(ILogger logger, int partitionCount);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "Silo stopping: deactivating activations and flushing writes")]
    private static partial void LogStopping(ILogger logger);

    [LoggerMessage(EventId = 22, Level = LogLevel.Information, Message = "Silo stopped")]
    private static partial void LogStopped(ILogger logger);

    [LoggerMessage(EventId = 23, Level = LogLevel.Error, Message = "Idle activation collection failed")]
    private static partial void LogCollectionFailed(ILogger logger, Exception exception);
}
