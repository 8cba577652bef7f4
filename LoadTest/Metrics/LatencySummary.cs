namespace Medisettle.LoadTest.Metrics;

/// <summary>Percentiles of a <see cref="LatencyHistogram"/> (HdrHistogram, 3 significant digits), in microseconds.</summary>
public sealed record LatencySummary
{
    public long Count { get; init; }

    public double MeanMicroseconds { get; init; }

    public long P50Microseconds { get; init; }

    public long P90Microseconds { get; init; }

    public long P99Microseconds { get; init; }

    public long P999Microseconds { get; init; }

    /// <summary>The largest latency recorded, exact.</summary>
    public long MaxMicroseconds { get; init; }

    /// <summary>
    /// Latencies above <see cref="LatencyHistogram.TrackableMicrosecondsMax"/> (10 min), counted at that maximum in the
    /// percentiles (<see cref="MaxMicroseconds"/> and the mean keep their true values).
    /// </summary>
    public long AboveRangeCount { get; init; }
}
