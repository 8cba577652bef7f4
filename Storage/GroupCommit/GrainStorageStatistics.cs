namespace Medisettle.Storage.GroupCommit;

/// <summary>Counters of a storage provider, for tests and benchmarks.</summary>
public sealed class GrainStorageStatistics
{
    private long _transactionsCommitted;
    private long _writesCommitted;
    private long _writesRejected;
    private long _batchesFailed;
    private long _commitTicks;
    private long _batchWritesMax;
    private long _optimisticFallbacks;

    /// <summary>Write transactions committed (one per group-commit batch).</summary>
    public long TransactionsCommitted => Interlocked.Read(ref _transactionsCommitted);

    /// <summary>State writes acknowledged as committed.</summary>
    public long WritesCommitted => Interlocked.Read(ref _writesCommitted);

    /// <summary>Writes that failed alone (conflict, duplicate journal entry).</summary>
    public long WritesRejected => Interlocked.Read(ref _writesRejected);

    /// <summary>Transactions that failed as a whole (database error); all their writes failed.</summary>
    public long BatchesFailed => Interlocked.Read(ref _batchesFailed);

    /// <summary>Time spent inside write transactions (begin to commit), summed over all transactions.</summary>
    public TimeSpan CommitTime => TimeSpan.FromTicks(Interlocked.Read(ref _commitTicks));

    /// <summary>Most writes seen in one transaction.</summary>
    public long BatchWritesMax => Interlocked.Read(ref _batchWritesMax);

    /// <summary>Batches whose optimistic transaction was rolled back (a write refused) and redone with savepoints.</summary>
    public long OptimisticFallbacks => Interlocked.Read(ref _optimisticFallbacks);

    internal void OnOptimisticFallback() => Interlocked.Increment(ref _optimisticFallbacks);

    internal void OnTransaction(TimeSpan elapsed, int writes)
    {
        Interlocked.Add(ref _commitTicks, elapsed.Ticks);
        var max = Interlocked.Read(ref _batchWritesMax);
        while (writes > max && Interlocked.CompareExchange(ref _batchWritesMax, writes, max) != max)
        {
            max = Interlocked.Read(ref _batchWritesMax);
        }
    }

    internal void OnCommitted(int committed, int rejected)
    {
        Interlocked.Increment(ref _transactionsCommitted);
        Interlocked.Add(ref _writesCommitted, committed);
        Interlocked.Add(ref _writesRejected, rejected);
    }

    internal void OnBatchFailed() => Interlocked.Increment(ref _batchesFailed);
}
