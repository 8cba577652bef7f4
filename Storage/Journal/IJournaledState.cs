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
}
