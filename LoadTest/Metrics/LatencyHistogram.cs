using System.Globalization;
using HdrHistogram;

namespace Medisettle.LoadTest.Metrics;

/// <summary>
/// Latencies in whole microseconds, counted in an HdrHistogram <see cref="LongConcurrentHistogram"/> (many threads
/// record at once; counts are never lost). With <see cref="SignificantDigitsDefault"/> = 3 a reported percentile is
/// the highest value of its bucket, at most 1/1024 (≈ 0.1 %) above the recorded value, and never above the largest
/// value recorded. Beside the histogram this keeps the exact largest value and the exact sum (for the mean; it would
/// wrap only past 2^63 µs in all, about 292,000 years).
/// Values above <see cref="TrackableMicrosecondsMax"/> (10 min) are counted at that maximum in the percentiles and in
/// <see cref="AboveRangeCount"/>; <see cref="MaxMicroseconds"/> stays the true largest value. Negative values count as 0.
/// </summary>
public sealed class LatencyHistogram
{
    /// <summary>The largest latency the percentiles can tell apart: 10 minutes, in microseconds.</summary>
    public const long TrackableMicrosecondsMax = 10L * 60 * 1_000_000;

    /// <summary>Precision of the run's totals: 3 significant digits (a bucket is at most 1/1024 of its values wide).</summary>
    public const int SignificantDigitsDefault = 3;

    /// <summary>
    /// Precision of the per-second histograms of <see cref="TimeSeries"/>: 2 significant digits (a bucket is at most 1/128
    /// of its values wide), 24 KB each instead of 172 KB, so an hour of seconds takes 88 MB, not 620 MB.
    /// </summary>
    public const int SignificantDigitsPerSecond = 2;

    private readonly LongConcurrentHistogram _histogram;
    private long _max;
    private long _sum;
    private long _aboveRange;

    public LatencyHistogram()
        : this(SignificantDigitsDefault)
    {
    }

    public LatencyHistogram(int significantDigits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(significantDigits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(significantDigits, 5);
        _histogram = new LongConcurrentHistogram(1, TrackableMicrosecondsMax, significantDigits);
    }

    public int SignificantDigits => _histogram.NumberOfSignificantValueDigits;

    public long Count => _histogram.TotalCount;

    /// <summary>The largest value recorded, exact (not rounded to its bucket, not clamped); 0 when empty.</summary>
    public long MaxMicroseconds => Interlocked.Read(ref _max);

    /// <summary>The exact mean of the recorded values (those above the range at their true value); 0 when empty.</summary>
    public double MeanMicroseconds
    {
        get
        {
            var count = Count;
            return count == 0 ? 0 : (double)Interlocked.Read(ref _sum) / count;
        }
    }

    /// <summary>Values recorded above <see cref="TrackableMicrosecondsMax"/>: counted at that maximum in the percentiles.</summary>
    public long AboveRangeCount => Interlocked.Read(ref _aboveRange);

    public void Record(long microseconds)
    {
        var value = Math.Max(microseconds, 0);
        if (value > TrackableMicrosecondsMax)
        {
            Interlocked.Increment(ref _aboveRange);
        }

        // Sum and max first: a reader that sees the count then sees at least this value's share of both.
        Interlocked.Add(ref _sum, value);
        RaiseMax(value);
        _histogram.RecordValue(Math.Min(value, TrackableMicrosecondsMax));
    }

    public void Record(TimeSpan latency) => Record(latency.Ticks / TimeSpan.TicksPerMicrosecond);

    /// <summary>
    /// The value at <paramref name="percentile"/> (0–100): HdrHistogram's <see cref="HistogramBase.GetValueAtPercentile"/>
    /// (the highest value of the bucket holding the round(p/100 × count)-th smallest value, at least the first), capped at
    /// <see cref="MaxMicroseconds"/>. Zero when empty.
    /// </summary>
    public long PercentileMicroseconds(double percentile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(percentile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        return Count == 0 ? 0 : Math.Min(_histogram.GetValueAtPercentile(percentile), MaxMicroseconds);
    }

    /// <summary>Adds every value of <paramref name="other"/> to this histogram (its precision may differ).</summary>
    public void Add(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Interlocked.Add(ref _sum, Interlocked.Read(ref other._sum));
        Interlocked.Add(ref _aboveRange, other.AboveRangeCount);
        RaiseMax(other.MaxMicroseconds);
        _histogram.Add(other._histogram);
    }

    public LatencySummary Summarize() => new()
    {
        Count = Count,
        MeanMicroseconds = Math.Round(MeanMicroseconds, 1),
        P50Microseconds = PercentileMicroseconds(50),
        P90Microseconds = PercentileMicroseconds(90),
        P99Microseconds = PercentileMicroseconds(99),
        P999Microseconds = PercentileMicroseconds(99.9),
        MaxMicroseconds = MaxMicroseconds,
        AboveRangeCount = AboveRangeCount,
    };

    /// <summary>
    /// HdrHistogram's percentile distribution (the <c>.hgrm</c> text its plotters read), values in milliseconds, 5 steps
    /// per halving of the distance to 100 %; an empty histogram gives only a comment line. Its footer's mean and max
    /// come from the buckets (within their width), not from the exact figures of <see cref="Summarize"/>.
    /// </summary>
    public string PercentileDistribution()
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        if (Count == 0)
        {
            writer.Write("# no latencies recorded\n");
        }
        else
        {
            _histogram.OutputPercentileDistribution(writer, percentileTicksPerHalfDistance: 5, outputValueUnitScalingRatio: 1_000.0);
        }

        return writer.ToString();
    }

    private void RaiseMax(long value)
    {
        var max = Interlocked.Read(ref _max);
        while (value > max)
        {
            var seen = Interlocked.CompareExchange(ref _max, value, max);
            if (seen == max)
            {
                return;
            }

            max = seen;
        }
    }
}
