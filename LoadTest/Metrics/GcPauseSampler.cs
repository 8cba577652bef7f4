namespace Medisettle.LoadTest.Metrics;

/// <summary>
/// Turns a process's total GC pause time (<see cref="GC.GetTotalPauseDuration"/>, which only grows) into pause time
/// per second of a run: each <see cref="Sample"/> records the increase since the previous sample at the second it is
/// taken in. Sampled every <see cref="Interval"/>, so a pause is attributed at most that late. Whole microseconds of
/// the running total are compared, so the recorded parts add up exactly to the total's increase. Thread-safe.
/// </summary>
public sealed class GcPauseSampler
{
    /// <summary>How often the runner samples.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    private readonly RunMetrics _metrics;
    private readonly Func<TimeSpan> _totalPause;
    private readonly Lock _lock = new();
    private long _lastMicroseconds;

    /// <summary>Starts from the current total of <paramref name="totalPause"/>: only later pauses are recorded.</summary>
    public GcPauseSampler(RunMetrics metrics, Func<TimeSpan> totalPause)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(totalPause);
        _metrics = metrics;
        _totalPause = totalPause;
        _lastMicroseconds = Microseconds(totalPause());
    }

    /// <summary>Records the pause time since the previous sample (if any) at <paramref name="sinceStart"/>; returns it in microseconds.</summary>
    public long Sample(TimeSpan sinceStart)
    {
        lock (_lock)
        {
            var total = Microseconds(_totalPause());
            if (total <= _lastMicroseconds)
            {
                return 0;
            }

            var increase = total - _lastMicroseconds;
            _lastMicroseconds = total;
            _metrics.RecordGcPause(sinceStart, increase);
            return increase;
        }
    }

    private static long Microseconds(TimeSpan duration) => duration.Ticks / TimeSpan.TicksPerMicrosecond;
}
