namespace Medisettle.LoadTest.Metrics;

/// <summary>Percentiles of a <see cref="LatencyHistogram"/>, in microseconds.</summary>
public sealed record LatencySummary
{
    public long Count { get; init; }

    public double MeanMicroseconds { get; init; }

    public long P50Microseconds { get; init; }

    public long P90Microseconds { get; init; }

    public long P99Microseconds { get; init; }

    public long P999Microseconds { get; init; }

    public long MaxMicroseconds { get; init; }
}
