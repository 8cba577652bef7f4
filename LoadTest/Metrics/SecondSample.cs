namespace Medisettle.LoadTest.Metrics;

/// <summary>
/// One second of a run: swipes intended to start, completed, failed, the latency of those completed in it, the answers
/// meaning "busy, retry later" received in it, and the load tool process's GC pause time in it.
/// </summary>
public sealed record SecondSample
{
    public required int Second { get; init; }

    public required long Offered { get; init; }

    public required long Completed { get; init; }

    public required long Errors { get; init; }

    public required long P50Microseconds { get; init; }

    public required long P99Microseconds { get; init; }

    public required long MaxMicroseconds { get; init; }

    /// <summary>
    /// Answers meaning "busy, retry later" (HTTP 503: infcode 9997, 9998 or 1107) received in this second, each counted once,
    /// including those the target then sent again. Always 0 in-process (no gateway).
    /// </summary>
    public required long BusyRefusals { get; init; }

    /// <summary>
    /// GC pause time of the load tool's own process seen in this second (<see cref="GC.GetTotalPauseDuration"/>
    /// increases, sampled every <see cref="GcPauseSampler.Interval"/>); in-process runs host the silo in this process,
    /// so there it is the silo's GC too.
    /// </summary>
    public required long GcPauseMicroseconds { get; init; }

    /// <summary>The silo's GC pause time in this second, from its <c>/metrics</c> (HTTP runs; 0 when not sampled).</summary>
    public long SiloGcPauseMicroseconds { get; init; }

    /// <summary>The silo's CPU time (user + system) in this second, from its <c>/metrics</c> (HTTP runs; 0 when not sampled).</summary>
    public long SiloCpuMicroseconds { get; init; }

    /// <summary>The most journal entries the silo's posting dispatcher had not delivered, as read in this second (HTTP runs; 0 when not read).</summary>
    public long SiloJournalLag { get; init; }
}
