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

    /// <summary>Print a progress line every second.</summary>
    public bool Progress { get; init; } = true;
}
