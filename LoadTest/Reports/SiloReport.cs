namespace Medisettle.LoadTest.Reports;

/// <summary>
/// What the silo did during an HTTP run, from its <c>/metrics</c> sampled each second: its CPU time (user + system) and
/// GC pause time, in total, per completed swipe and at most in one second, and the seconds with the highest p99 beside them.
/// </summary>
public sealed record SiloReport
{
    /// <summary>Increases of the silo's totals recorded (one a second after the first read).</summary>
    public required long Samples { get; init; }

    /// <summary>Reads of <c>/metrics</c> that failed or lacked the totals: seconds missing from the figures.</summary>
    public required long SampleFailures { get; init; }

    public required long CpuMicroseconds { get; init; }

    /// <summary>The silo's CPU time per completed swipe (a swipe is one to four requests).</summary>
    public required long CpuMicrosecondsPerSwipe { get; init; }

    public required long GcPauseMicroseconds { get; init; }

    public required long GcPauseMicrosecondsPerSecondMax { get; init; }

    /// <summary>The seconds with the highest p99 (at most <see cref="ReportBuilder.SlowestSecondsMax"/>), slowest first.</summary>
    public required IReadOnlyList<int> SlowestSeconds { get; init; }
}
