namespace Medisettle.Runtime.Storage;

/// <summary>Counters of a storage provider, for tests and benchmarks.</summary>
public sealed class GrainStorageStatistics
{
    private long _transactionsCommitted;
    private long _writesCommitted;
    private long _writesRejected;
    private long _batchesFailed;

    /// <summary>Write transactions committed (one per group-commit batch).</summary>
    public long TransactionsCommitted => Interlocked.Read(ref _transactionsCommitted);

    /// <summary>State writes acknowledged as committed.</summary>
    public long WritesCommitted => Interlocked.Read(ref _writesCommitted);

    /// <summary>Writes that failed alone (conflict, duplicate journal entry, fenced).</summary>
    public long WritesRejected => Interlocked.Read(ref _writesRejected);

    /// <summary>Transactions that failed as a whole (database error); all their writes failed.</summary>
    public long BatchesFailed => Interlocked.Read(ref _batchesFailed);

    internal void OnCommitted(int committed, int rejected)
    {
        Interlocked.Increment(ref _transactionsCommitted);
        Interlocked.Add(ref _writesCommitted, committed);
        Interlocked.Add(ref _writesRejected, rejected);
    }

    internal void OnBatchFailed() => Interlocked.Increment(ref _batchesFailed);
}
