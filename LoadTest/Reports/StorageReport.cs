namespace Medisettle.LoadTest.Reports;

/// <summary>Durable-write counters of an in-process run's storage over the measured part of the run.</summary>
public sealed record StorageReport
{
    public required long Transactions { get; init; }

    public required long Writes { get; init; }

    public required double WritesPerTransaction { get; init; }

    public required long BatchesFailed { get; init; }

    /// <summary>Mean time inside one write transaction (begin to commit), ms.</summary>
    public required double CommitMillisecondsMean { get; init; }

    /// <summary>Share of the run's elapsed time the writer spent inside transactions.</summary>
    public required double WriterBusyShare { get; init; }

    public required long BatchWritesMax { get; init; }

    /// <summary>Batches redone with savepoints because a write in them was refused (whole run).</summary>
    public required long OptimisticFallbacks { get; init; }
}
