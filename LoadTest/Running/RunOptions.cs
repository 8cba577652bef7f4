namespace Medisettle.LoadTest.Running;

/// <summary>Bounds of one open-loop run.</summary>
public sealed record RunOptions
{
    /// <summary>
    /// Swipes in flight at most. An arrival due while this many are running is not started: it is counted as an
    /// error "dropped: in-flight bound" (and as offered), never queued, so the bound cannot hide a backlog.
    /// </summary>
    public int InFlightMax { get; init; } = 10_000;

    /// <summary>Stop after this many arrivals even if the schedule offers more (0 = the whole schedule).</summary>
    public long CountMax { get; init; }

    /// <summary>After the last arrival, how long to wait for swipes still in flight; the rest count as errors.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Seed of the workload and of the cancel/retry picks.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>
    /// Seconds of unreported traffic before the measured run (at the run's rate, at most <see cref="WarmUpRateMax"/>/s):
    /// the first swipes of a process JIT the settlement path, and tiered compilation re-JITs the hot methods with their
    /// profile in the seconds after. Its settlements are in the audit, not in the report.
    /// </summary>
    public double WarmUpSeconds { get; init; } = 10;

    /// <summary>Highest warm-up rate per second.</summary>
    public const double WarmUpRateMax = 1_000;

    /// <summary>Print a progress line every second.</summary>
    public bool Progress { get; init; } = true;
}
