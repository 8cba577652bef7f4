using Medisettle.LoadTest.Workload;

namespace Medisettle.LoadTest.Targets;

/// <summary>Where swipes go: the grains in-process, or a gateway over HTTP.</summary>
public interface ISwipeTarget : IAsyncDisposable
{
    string Description { get; }

    /// <summary>True when the silo runs in this process, so this process's GC pauses are the silo's too.</summary>
    bool HostsSilo { get; }

    /// <summary>
    /// The silo's <c>/metrics</c> (Prometheus text) the runner samples each second for the silo's GC pause and CPU time,
    /// with the client to read it; null when there is none to read (in-process: the silo's figures are this process's).
    /// </summary>
    (HttpClient Client, Uri Uri)? SiloMetrics => null;

    /// <summary>
    /// Called once for each answer meaning "busy, retry later" (HTTP 503: infcode 9997, 9998 or 1107) as it arrives, including
    /// answers to requests the target then sends again. The runner sets it for the length of its run; targets without a
    /// gateway never call it.
    /// </summary>
    Action? BusyRefused { get; set; }

    /// <summary>
    /// Runs the swipe. For <see cref="SwipeKind.Cancel"/> and <see cref="SwipeKind.Retry"/>, <paramref name="prior"/>
    /// is the acknowledged settlement to cancel or re-send; when it is null the plan's fresh settlement runs.
    /// Never throws for a failed swipe: failures are <see cref="SwipeStatus.Error"/> results.
    /// </summary>
    Task<SwipeResult> ExecuteAsync(SwipePlan plan, AcknowledgedSettlement? prior, CancellationToken cancellationToken);

    /// <summary>The end-of-run audit (ledger invariants and annual caps).</summary>
    Task<RunAudit> AuditAsync(CancellationToken cancellationToken);
}
