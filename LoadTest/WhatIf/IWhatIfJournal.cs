using Medisettle.Storage.Journal;

namespace Medisettle.LoadTest.WhatIf;

/// <summary>
/// The settlement journal a what-if replay reads, read-only: a silo's SQLite file (<see cref="SqliteJournalFile"/>) or a
/// cluster's PostgreSQL database (<see cref="PostgresJournalDatabase"/>).
/// </summary>
internal interface IWhatIfJournal : IAsyncDisposable
{
    /// <summary>Opens the journal and says how far it can be read without skipping an entry still in flight.</summary>
    Task<WhatIfJournalBounds> OpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Entries of the person streams (settlements, cancels) with a sequence above <paramref name="afterSequence"/> and at
    /// most <paramref name="upToSequence"/>, oldest first; at most <see cref="PageSizeMax"/>.
    /// </summary>
    Task<IReadOnlyList<JournalEntry>> ReadPersonEntriesAsync(long afterSequence, long upToSequence, CancellationToken cancellationToken);

    /// <summary>Entries returned by one <see cref="ReadPersonEntriesAsync"/> at most.</summary>
    public const int PageSizeMax = 10_000;
}
