namespace Medisettle.LoadTest.Reports;

/// <summary>Durable-write counters of an in-process run's storage over the measured part of the run.</summary>
public sealed record StorageReport
{
    public required long Transactions { get; init; }

    public required long Writes { get; init; }

    public required double WritesPerTransaction { get; init; }

    public required long BatchesFailed { get; init; }
}
