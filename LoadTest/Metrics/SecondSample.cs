namespace Medisettle.LoadTest.Metrics;

/// <summary>One second of a run: swipes intended to start, completed, failed, and the latency of those completed in it.</summary>
public sealed record SecondSample
{
    public required int Second { get; init; }

    public required long Offered { get; init; }

    public required long Completed { get; init; }

    public required long Errors { get; init; }

    public required long P50Microseconds { get; init; }

    public required long P99Microseconds { get; init; }

    public required long MaxMicroseconds { get; init; }
}
