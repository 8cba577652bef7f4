namespace Medisettle.Storage.Journal;

/// <summary>
/// Reads the durable append-only journal (a transactional outbox). Entries are appended only with
/// <see cref="IJournaledState{TState}.WriteStateAsync(IReadOnlyList{JournalAppend}, CancellationToken)"/>.
/// </summary>
/// <remarks>
/// Within one silo, entries become visible in sequence order, because one group-commit loop per storage
/// commits batches one after another. With several silos writing to one PostgreSQL database, a reader can
/// see sequence 11 committed before 10 (identity values are taken at insert, not at commit); consumers in
/// the cluster must then read behind a safe point (see DESIGN.md) rather than trust "after sequence".
/// </remarks>
public interface IJournal
{
    /// <summary>Entries of <paramref name="stream"/> with a sequence above <paramref name="afterSequence"/>, oldest first.</summary>
    Task<IReadOnlyList<JournalEntry>> ReadAsync(string stream, long afterSequence, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>Entries of all streams with a sequence above <paramref name="afterSequence"/>, oldest first (for auditors).</summary>
    Task<IReadOnlyList<JournalEntry>> ReadAllAsync(long afterSequence, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>
    /// Entries of every stream whose name starts with <paramref name="streamPrefix"/>, with a sequence above
    /// <paramref name="afterSequence"/>, oldest first: a consumer of a family of streams reads only its own entries.
    /// </summary>
    Task<IReadOnlyList<JournalEntry>> ReadByStreamPrefixAsync(string streamPrefix, long afterSequence, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>The highest sequence in the journal (0 when empty): consumers measure their lag against it.</summary>
    Task<long> ReadHeadSequenceAsync(CancellationToken cancellationToken = default);

    Task<JournalEntry?> FindAsync(string entryId, CancellationToken cancellationToken = default);
}
