namespace Medisettle.LoadTest.Metrics;

/// <summary>
/// A log-linear latency histogram in microseconds (HdrHistogram's layout, written here): values below 256 µs
/// have their own bucket; above, each power of two is split into 128 buckets, so a reported percentile is at
/// most 1/128 (0.8 %) above the true value. Recording is lock-free and thread-safe.
/// </summary>
public sealed class LatencyHistogram
{
    /// <summary>Values at or above this (about 12.7 days) are recorded as this.</summary>
    public const long ValueMicrosecondsMax = 1L << 40;

    private const int ExactLimit = 256;
    private const int SubBuckets = 128;
    private const int SubBucketBits = 7;
    private const int BucketCount = ExactLimit + (40 - SubBucketBits) * SubBuckets;

    private readonly long[] _counts = new long[BucketCount];
    private long _count;
    private long _max;
    private long _sum;

    public long Count => Interlocked.Read(ref _count);

    public long MaxMicroseconds => Interlocked.Read(ref _max);

    public double MeanMicroseconds => Count == 0 ? 0 : (double)Interlocked.Read(ref _sum) / Count;

    public void Record(long microseconds)
    {
        var value = Math.Clamp(microseconds, 0, ValueMicrosecondsMax - 1);
        Interlocked.Increment(ref _counts[IndexOf(value)]);
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _sum, value);
        var max = Interlocked.Read(ref _max);
        while (value > max)
        {
            var seen = Interlocked.CompareExchange(ref _max, value, max);
            if (seen == max)
            {
                break;
            }

            max = seen;
        }
    }

    public void Record(TimeSpan latency) => Record(latency.Ticks / TimeSpan.TicksPerMicrosecond);

    /// <summary>
    /// The value at <paramref name="percentile"/> (0–100): the highest value of the bucket that holds the
    /// ceil(p/100 × count)-th smallest sample, capped at the largest sample. Zero when empty.
    /// </summary>
    public long PercentileMicroseconds(double percentile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(percentile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        var count = Count;
        if (count == 0)
        {
            return 0;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(percentile / 100 * count));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += Interlocked.Read(ref _counts[i]);
            if (seen >= rank)
            {
                return Math.Min(HighestOf(i), MaxMicroseconds);
            }
        }

        return MaxMicroseconds;
    }

    /// <summary>Adds every sample of <paramref name="other"/> to this histogram.</summary>
    public void Add(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var i = 0; i < _counts.Length; i++)
        {
            var n = Interlocked.Read(ref other._counts[i]);
            if (n != 0)
            {
                Interlocked.Add(ref _counts[i], n);
            }
        }

        Interlocked.Add(ref _count, other.Count);
        Interlocked.Add(ref _sum, Interlocked.Read(ref other._sum));
        var otherMax = other.MaxMicroseconds;
        if (otherMax > MaxMicroseconds)
        {
            Interlocked.Exchange(ref _max, otherMax);
        }
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
    };

    internal static int IndexOf(long value)
    {
        if (value < ExactLimit)
        {
            return (int)value;
        }

        var shift = 63 - long.LeadingZeroCount(value) - SubBucketBits; // ≥ 1
        return ExactLimit + (int)((shift - 1) * SubBuckets + ((value >> (int)shift) - SubBuckets));
    }

    internal static long HighestOf(int index)
    {
        if (index < ExactLimit)
        {
            return index;
        }

        var shift = (index - ExactLimit) / SubBuckets + 1;
        var lowest = (long)((index - ExactLimit) % SubBuckets + SubBuckets) << shift;
        return lowest + (1L << shift) - 1;
    }
}
