namespace Medisettle.LoadTest.Metrics;

/// <summary>
/// Reads a silo's <c>/metrics</c> once per <see cref="Interval"/> during an HTTP run and records the increase of its GC
/// pause and CPU totals (<see cref="SiloCounters"/>) at the second its interval began (the previous good read), so a slow
/// second of the run can be set beside what the silo did in it, give or take the sampling jitter. The first sample is the
/// baseline. A failed read records nothing and is counted
/// (<see cref="RunMetrics.SiloSampleFailures"/>). One caller at a time (the runner's sampling loop, then its last sample).
/// </summary>
public sealed class SiloMetricsSampler(RunMetrics metrics, HttpClient http, Uri metricsUri)
{
    /// <summary>How often the runner samples the silo.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private SiloCounters? _last;
    private TimeSpan _lastAt;

    /// <summary>Reads the totals now (<paramref name="sinceStart"/> into the run) and records their increase since the previous good read, at that read's second.</summary>
    public async Task SampleAsync(TimeSpan sinceStart, CancellationToken cancellationToken)
    {
        SiloCounters? now;
        try
        {
            now = SiloCounters.Parse(await http.GetStringAsync(metricsUri, cancellationToken));
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            now = null; // the silo not answering its metrics is a gap in the figures, never a failed run
        }

        if (now is null)
        {
            metrics.RecordSiloSampleFailure();
            return;
        }

        if (_last is { } last)
        {
            metrics.RecordSilo(_lastAt, Microseconds(now.GcPauseSeconds - last.GcPauseSeconds), Microseconds(now.CpuSeconds - last.CpuSeconds));
        }

        if (now.JournalLag is { } lag)
        {
            metrics.Series.RecordJournalLag(sinceStart, lag);
        }

        (_last, _lastAt) = (now, sinceStart);
    }

    private static long Microseconds(double seconds) => Math.Max(0, (long)Math.Round(seconds * 1_000_000));
}
