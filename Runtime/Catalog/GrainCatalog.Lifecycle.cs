using Microsoft.Extensions.Logging;

namespace Medisettle.Runtime.Catalog;

internal sealed partial class GrainCatalog
{
    /// <summary>Deactivates every activation idle for at least <see cref="Configuration.SiloOptions.ActivationIdleAge"/>; returns how many.</summary>
    public async Task<int> CollectIdleActivationsAsync()
    {
        var idleSinceMax = Time.GetUtcNow() - Options.ActivationIdleAge;
        var reason = new DeactivationReason(DeactivationReasonCode.ActivationIdle, $"idle longer than {Options.ActivationIdleAge}");
        var deactivations = new List<Task>();
        foreach (var activation in _activations.Values)
        {
            if (activation.TryBeginCollection(idleSinceMax))
            {
                deactivations.Add(activation.DeactivateCoreAsync(reason));
            }
        }

        await Task.WhenAll(deactivations);
        if (deactivations.Count > 0)
        {
            LogCollected(_log, deactivations.Count, ActivationCount);
        }

        return deactivations.Count;
    }

    /// <summary>Stops accepting calls and deactivates every activation (each after its running turn).</summary>
    public async Task DeactivateAllAsync()
    {
        _stopping = true;
        var reason = new DeactivationReason(DeactivationReasonCode.ShuttingDown, "silo shutting down");
        var deactivations = _activations.Values.Select(a => a.RequestDeactivationAsync(reason)).ToList();
        await Task.WhenAll(deactivations);
        LogDeactivatedAll(_log, deactivations.Count);
    }

    /// <summary>
    /// Makes room at <c>ActivationCountMax</c>: one scan of the catalog picks the <see cref="EvictionBatch"/> least
    /// recently used idle activations and deactivates them, so the cost of the scan is shared by that many new
    /// activations (scanning per activation made every activation O(catalog size)). One eviction runs at a time;
    /// callers arriving meanwhile wait for it instead of scanning again.
    /// </summary>
    private Task<bool> TryEvictAsync()
    {
        lock (_evictionLock)
        {
            if (_eviction.IsCompleted)
            {
                _eviction = EvictBatchAsync();
            }

            return _eviction;
        }
    }

    private async Task<bool> EvictBatchAsync()
    {
        await Task.Yield();
        var oldest = new PriorityQueue<ActivationData, DateTimeOffset>(EvictionBatch + 1, Comparer<DateTimeOffset>.Create((a, b) => b.CompareTo(a)));
        foreach (var activation in _activations.Values)
        {
            oldest.Enqueue(activation, activation.IdleSince);
            if (oldest.Count > EvictionBatch)
            {
                oldest.Dequeue(); // drops the most recently used of the candidates
            }
        }

        var reason = new DeactivationReason(DeactivationReasonCode.CapacityPressure, $"ActivationCountMax={Options.ActivationCountMax} reached");
        var evicted = new List<Task>(oldest.Count);
        while (oldest.TryDequeue(out var victim, out _))
        {
            if (victim.TryBeginCollection(DateTimeOffset.MaxValue))
            {
                evicted.Add(victim.DeactivateCoreAsync(reason));
            }
        }

        await Task.WhenAll(evicted);
        return evicted.Count > 0;
    }

    /// <summary>Activations evicted per scan at <c>ActivationCountMax</c>: 1 %, at least 1.</summary>
    private int EvictionBatch => Math.Max(1, Options.ActivationCountMax / 100);

    internal void OnActivated(ActivationData activation)
    {
        Interlocked.Increment(ref _activationsCreated);
        LogActivated(_log, activation.GrainId);
    }

    internal void OnActivationFailed(ActivationData activation, Exception exception)
    {
        LogActivationFailed(_log, exception, activation.GrainId);
        Remove(activation);
    }

    internal void OnDeactivationFailed(ActivationData activation, Exception exception) =>
        LogDeactivationFailed(_log, exception, activation.GrainId);

    internal void OnDeactivated(ActivationData activation, DeactivationReason reason)
    {
        Remove(activation);
        LogDeactivated(_log, activation.GrainId, reason.ReasonCode);
    }

    private void Remove(ActivationData activation)
    {
        if (_activations.TryRemove(new KeyValuePair<GrainId, ActivationData>(activation.GrainId, activation)))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Activated {GrainId}")]
    private static partial void LogActivated(ILogger logger, GrainId grainId);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Activation of {GrainId} failed; its pending calls were failed")]
    private static partial void LogActivationFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Deactivated {GrainId} ({Reason})")]
    private static partial void LogDeactivated(ILogger logger, GrainId grainId, DeactivationReasonCode reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "OnDeactivateAsync of {GrainId} failed or timed out")]
    private static partial void LogDeactivationFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Collected {Count} idle activations; {Remaining} remain")]
    private static partial void LogCollected(ILogger logger, int count, int remaining);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Deactivated {Count} activations for shutdown")]
    private static partial void LogDeactivatedAll(ILogger logger, int count);
}
