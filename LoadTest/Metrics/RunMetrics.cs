using System.Collections.Concurrent;
using Medisettle.LoadTest.Targets;
using Medisettle.LoadTest.Workload;

namespace Medisettle.LoadTest.Metrics;

/// <summary>
/// Everything recorded during a run: latency overall and per kind, status counts, rejection and error reasons, busy
/// refusals, GC pause time, the time series.
/// </summary>
public sealed class RunMetrics(TimeSpan expectedDuration)
{
    /// <summary>Distinct rejection/error reasons kept; later new reasons are counted under "other".</summary>
    public const int ReasonsMax = 50;

    private readonly long[] _statusCounts = new long[Enum.GetValues<SwipeStatus>().Length];
    private readonly long[] _kindCounts = new long[Enum.GetValues<SwipeKind>().Length];
    private readonly LatencyHistogram[] _kindLatency = Enum.GetValues<SwipeKind>().Select(_ => new LatencyHistogram()).ToArray();
    private readonly ConcurrentDictionary<string, long> _rejections = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _errors = new(StringComparer.Ordinal);
    private long _offered;
    private long _busyRefusals;
    private long _gcPauseMicroseconds;
    private long _siloGcPauseMicroseconds;
    private long _siloCpuMicroseconds;
    private long _siloSamples;
    private long _siloSampleFailures;

    public LatencyHistogram Latency { get; } = new();

    public TimeSeries Series { get; } = new(expectedDuration);

    public long Offered => Interlocked.Read(ref _offered);

    /// <summary>Swipes answered, errors aside: those with a latency, and the busy refusals (answered at once, no latency kept).</summary>
    public long Completed => Latency.Count + Count(SwipeStatus.Busy);

    public long Count(SwipeStatus status) => Interlocked.Read(ref _statusCounts[(int)status]);

    public long Count(SwipeKind kind) => Interlocked.Read(ref _kindCounts[(int)kind]);

    /// <summary>Errors including drops.</summary>
    public long Errors => Count(SwipeStatus.Error) + Count(SwipeStatus.Dropped);

    /// <summary>Answers meaning "busy, retry later" (HTTP 503) received, resends included; see <see cref="SecondSample.BusyRefusals"/>.</summary>
    public long BusyRefusals => Interlocked.Read(ref _busyRefusals);

    /// <summary>GC pause time of this process recorded during the run; see <see cref="SecondSample.GcPauseMicroseconds"/>.</summary>
    public long GcPauseMicroseconds => Interlocked.Read(ref _gcPauseMicroseconds);

    public long DurableWrites => Count(SwipeStatus.Settled) + Count(SwipeStatus.Cancelled);

    public LatencyHistogram LatencyOf(SwipeKind kind) => _kindLatency[(int)kind];

    public IReadOnlyDictionary<string, long> Rejections => _rejections;

    public IReadOnlyDictionary<string, long> ErrorReasons => _errors;

    public void RecordOffered(TimeSpan intendedOffset)
    {
        Interlocked.Increment(ref _offered);
        Series.RecordOffered(intendedOffset);
    }

    public void RecordDropped(TimeSpan intendedOffset)
    {
        Interlocked.Increment(ref _statusCounts[(int)SwipeStatus.Dropped]);
        Count(_errors, "dropped: in-flight bound");
        Series.RecordError(intendedOffset);
    }

    /// <summary>Records one answer meaning "busy, retry later", received <paramref name="sinceStart"/> after the run's start.</summary>
    public void RecordBusyRefusal(TimeSpan sinceStart)
    {
        Interlocked.Increment(ref _busyRefusals);
        Series.RecordBusyRefusal(sinceStart);
    }

    /// <summary>Records <paramref name="microseconds"/> of GC pause seen <paramref name="sinceStart"/> after the run's start.</summary>
    public void RecordGcPause(TimeSpan sinceStart, long microseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(microseconds);
        Interlocked.Add(ref _gcPauseMicroseconds, microseconds);
        Series.RecordGcPause(sinceStart, microseconds);
    }

    /// <summary>The silo's GC pause time during the run, from its <c>/metrics</c> (HTTP runs; see <see cref="SiloMetricsSampler"/>).</summary>
    public long SiloGcPauseMicroseconds => Interlocked.Read(ref _siloGcPauseMicroseconds);

    /// <summary>The silo's CPU time (user + system) during the run, from its <c>/metrics</c>.</summary>
    public long SiloCpuMicroseconds => Interlocked.Read(ref _siloCpuMicroseconds);

    /// <summary>Increases of the silo's totals recorded (samples after the baseline); 0 when the silo was not sampled.</summary>
    public long SiloSamples => Interlocked.Read(ref _siloSamples);

    /// <summary>Reads of the silo's <c>/metrics</c> that failed or lacked the totals.</summary>
    public long SiloSampleFailures => Interlocked.Read(ref _siloSampleFailures);

    /// <summary>Records the silo's GC pause and CPU time that grew since the previous sample, seen <paramref name="sinceStart"/> after the start.</summary>
    public void RecordSilo(TimeSpan sinceStart, long gcPauseMicroseconds, long cpuMicroseconds)
    {
        Series.RecordSilo(sinceStart, gcPauseMicroseconds, cpuMicroseconds);
        Interlocked.Add(ref _siloGcPauseMicroseconds, gcPauseMicroseconds);
        Interlocked.Add(ref _siloCpuMicroseconds, cpuMicroseconds);
        Interlocked.Increment(ref _siloSamples);
    }

    public void RecordSiloSampleFailure() => Interlocked.Increment(ref _siloSampleFailures);

    /// <summary>Records a finished swipe; <paramref name="completedOffset"/> is its completion time since the run's start.</summary>
    public void RecordCompleted(SwipeResult result, long latencyMicroseconds, TimeSpan completedOffset)
    {
        Interlocked.Increment(ref _statusCounts[(int)result.Status]);
        Interlocked.Increment(ref _kindCounts[(int)result.Kind]);
        if (result.Status == SwipeStatus.Error)
        {
            Count(_errors, result.Detail ?? "error");
            Series.RecordError(completedOffset);
            return;
        }

        if (result.Status == SwipeStatus.Busy)
        {
            return; // answered at once and not processed: its latency would flatter the accepted swipes' percentiles
        }

        if (result.Status == SwipeStatus.Rejected)
        {
            Count(_rejections, $"{result.Kind}: {result.Detail ?? "rejected"}");
        }

        Latency.Record(latencyMicroseconds);
        _kindLatency[(int)result.Kind].Record(latencyMicroseconds);
        Series.RecordCompleted(completedOffset, latencyMicroseconds);
    }

    private static void Count(ConcurrentDictionary<string, long> reasons, string reason)
    {
        var key = reason.Length > 200 ? reason[..200] : reason;
        if (reasons.Count >= ReasonsMax && !reasons.ContainsKey(key))
        {
            key = "other";
        }

        reasons.AddOrUpdate(key, 1, (_, n) => n + 1);
    }
}
