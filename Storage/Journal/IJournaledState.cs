namespace Medisettle.Storage.Journal;

/// <summary>
/// A grain's persistent state whose writes can carry journal appends (a transactional outbox): the state row and
/// the appended entries commit in one transaction, all or nothing. Injected like <see cref="IPersistentState{TState}"/>,
/// with <see cref="JournaledStateAttribute"/> on the grain's constructor parameter; loaded before
/// <c>OnActivateAsync</c>.
/// </summary>
public interface IJournaledState<TState> : IPersistentState<TState>
{
    /// <summary>
    /// Writes the state and appends <paramref name="appends"/> in the same transaction. A journal entry id that
    /// already exists fails the write with <see cref="DuplicateJournalEntryException"/>; a stale ETag with
    /// <c>InconsistentStateException</c>. Either way nothing was written. Completes after COMMIT.
    /// </summary>
    Task WriteStateAsync(IReadOnlyList<JournalAppend> appends, CancellationToken cancellationToken = default);

    /// <summary>
    /// Whether <see cref="AppendAsync"/> can commit without rewriting the state row: the grain fenced its writes
    /// (<see cref="FenceWrites"/>) since it last read the state. Without a fence an append could not see another
    /// activation's appends, so every write rewrites the row.
    /// </summary>
    bool CanAppendOnly { get; }

    /// <summary>
    /// Appends <paramref name="appends"/> without writing the state: the stored row stays a checkpoint, and the grain
    /// must rebuild what changed since from its journal entries when the state is read again
    /// (<see cref="IJournaledStateReplay"/>). Commits only if no other activation wrote the state since this one read or
    /// wrote it and the fence holds (else <c>InconsistentStateException</c>, nothing written); a duplicate entry id fails
    /// as <see cref="WriteStateAsync"/> does. Requires <see cref="CanAppendOnly"/>.
    /// </summary>
    Task AppendAsync(IReadOnlyList<JournalAppend> appends, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets a condition on every later write, of the row or append-only: it is refused as a conflict unless the newest
    /// entry of <paramref name="fence"/>'s stream is the fence's last one. The grain sets it after rebuilding its state
    /// (to the last entry it applied) and moves it to each entry of the stream it commits. Cleared by every read.
    /// </summary>
    void FenceWrites(StreamFence fence);
}
