namespace Medisettle.Storage.Journal;

/// <summary>
/// Reads the durable append-only journal (a transactional outbox). Entries are appended only with
/// <see cref="IJournaledState{TState}.WriteStateAsync(IReadOnlyList{JournalAppend}, CancellationToken)"/>.
/// </summary>
/// <remarks>
/// Reads "after sequence N" never skip an entry: they return entries only up to the journal's safe point, at or below
/// which no entry can still appear. With one writer (SQLite) that is every committed entry; with several silos
/// committing to one PostgreSQL database concurrently, sequence 11 can commit before 10, and the safe point stops
/// below 10 until 10's transaction has ended (see <c>PostgresJournalSafePoint</c>). A consumer that keeps a cursor
/// therefore lags by at most the commits in flight, and by up to the storage's idle-in-transaction timeout behind a
/// writer frozen inside its commit; writers never wait for each other.
/// </remarks>
public interface IJournal
{
    /// <summary>
    /// Entries of <paramref name="stream"/> with a sequence above <paramref name="afterSequence"/> up to the safe point, oldest
    /// first: its own and those that name it as their second stream (<see cref="JournalAppend.AlsoStream"/>).
    /// </summary>
    Task<IReadOnlyList<JournalEntry>> ReadAsync(string stream, long afterSequence, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every committed entry of <paramref name="stream"/> with a sequence above <paramref name="afterSequence"/>, oldest
    /// first, not stopped at the safe point, and only those whose stream it is (not those naming it as their second): for a stream's one writer rebuilding its state from its own entries (an
    /// older activation's last commit may have taken a sequence above another silo's commit in flight). A consumer that
    /// moves a cursor must read with <see cref="ReadAsync"/>, which never skips an entry.
    /// </summary>
    Task<IReadOnlyList<JournalEntry>> ReadOwnStreamAsync(string stream, long afterSequence, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>
    /// Entry <paramref name="fromEntryId"/> and the committed entries of <paramref name="stream"/> after it, oldest first,
    /// in one read and not stopped at the safe point, like <see cref="ReadOwnStreamAsync"/>: a stream's one writer
    /// resuming after the last entry its checkpoint includes, without first looking that entry's sequence up. Empty
    /// when the entry is not in the journal; its first entry is another one when the entry is not in this stream.
    /// </summary>
    Task<IReadOnlyList<JournalEntry>> ReadOwnStreamFromAsync(string stream, string fromEntryId, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>
    /// The entries at <paramref name="sequences"/> (at most <see cref="SequencesMax"/>), oldest first, whatever their
    /// streams; a sequence with no entry is left out. Each is found by its key, so the read costs the entries asked for,
    /// not the journal between them: for an index kept elsewhere of where a reader's entries lie (an institution's
    /// receivables, <c>ReceivableIndex</c>). Read only sequences known to be committed: not stopped at the safe point.
    /// </summary>
    Task<IReadOnlyList<JournalEntry>> ReadAtAsync(IReadOnlyList<long> sequences, CancellationToken cancellationToken = default);

    /// <summary>Most sequences one <see cref="ReadAtAsync"/> takes.</summary>
    const int SequencesMax = 500;

    /// <summary>Entries of all streams with a sequence above <paramref name="afterSequence"/> up to the safe point, oldest first (for auditors).</summary>
    Task<IReadOnlyList<JournalEntry>> ReadAllAsync(long afterSequence, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>
    /// Entries of every stream whose name starts with <paramref name="streamPrefix"/> (their own, and those with such a
    /// second stream), with a sequence above <paramref name="afterSequence"/> up to the safe point, oldest first: a
    /// consumer of a family of streams reads only its own entries.
    /// </summary>
    Task<IReadOnlyList<JournalEntry>> ReadByStreamPrefixAsync(string streamPrefix, long afterSequence, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>
    /// As <see cref="ReadByStreamPrefixAsync"/>, for the streams whose name starts with any of <paramref name="streamPrefixes"/>
    /// (one to <see cref="StreamPrefixesMax"/>), in one read: a consumer of two families of streams in their common order.
    /// An entry in two of the families is read once.
    /// </summary>
    Task<IReadOnlyList<JournalEntry>> ReadByStreamPrefixesAsync(IReadOnlyList<string> streamPrefixes, long afterSequence, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>Most stream prefixes one <see cref="ReadByStreamPrefixesAsync"/> takes.</summary>
    const int StreamPrefixesMax = 8;

    /// <summary>
    /// The safe point now: the highest sequence at or below which every entry that will ever exist is visible
    /// (<see cref="long.MaxValue"/> on a single-writer database). Waits a bounded time for commits in flight.
    /// </summary>
    Task<long> ReadSafeSequenceAsync(CancellationToken cancellationToken = default);

    /// <summary>The highest sequence in the journal (0 when empty): consumers measure their lag against it.</summary>
    Task<long> ReadHeadSequenceAsync(CancellationToken cancellationToken = default);

    Task<JournalEntry?> FindAsync(string entryId, CancellationToken cancellationToken = default);
}
