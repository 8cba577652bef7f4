namespace Medisettle.Runtime.Storage;

/// <summary>
/// The silo's storage provider (Orleans: <c>IGrainStorage</c>): optimistic, group-committed grain state
/// plus the journal. Implemented once over ADO.NET for SQLite and PostgreSQL.
/// </summary>
public interface IGrainStorage
{
    GrainStorageStatistics Statistics { get; }

    Task<GrainStateRecord> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Commits <paramref name="write"/> and returns the new version. Completes only after the transaction
    /// holding the write committed. Throws <see cref="StorageConflictException"/>,
    /// <see cref="Journal.DuplicateJournalEntryException"/> or <see cref="WriteFencedException"/> for this
    /// write alone. The token is honoured only until the write is queued.
    /// </summary>
    Task<long> WriteAsync(GrainStateWrite write, CancellationToken cancellationToken = default);
}
