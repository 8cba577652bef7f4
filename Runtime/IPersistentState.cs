using Medisettle.Runtime.Journal;

namespace Medisettle.Runtime;

/// <summary>
/// Durable state of one grain (Orleans: <c>IPersistentState&lt;T&gt;</c>). Every write is optimistic: it
/// succeeds only if the stored version still equals the version this object last read or wrote; otherwise
/// it throws <see cref="Storage.StorageConflictException"/> and nothing is overwritten.
/// Writes go through the storage's group commit: the returned task completes after the commit.
/// </summary>
public interface IPersistentState<TState>
    where TState : class, new()
{
    TState State { get; set; }

    /// <summary>The row version as a string; null when no record exists.</summary>
    string? Etag { get; }

    bool RecordExists { get; }

    Task ReadStateAsync(CancellationToken cancellationToken = default);

    Task WriteStateAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes the state and appends <paramref name="appends"/> to the journal in the same transaction:
    /// all or nothing. A duplicate journal entry id fails this write with
    /// <see cref="DuplicateJournalEntryException"/> and leaves the state unchanged.
    /// </summary>
    Task WriteStateAsync(IReadOnlyList<JournalAppend> appends, CancellationToken cancellationToken = default);

    /// <summary>Deletes the record (kept as a versioned tombstone, so a stale writer still conflicts).</summary>
    Task ClearStateAsync(CancellationToken cancellationToken = default);
}
