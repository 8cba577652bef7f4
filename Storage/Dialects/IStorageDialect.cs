using System.Data;
using System.Data.Common;
using Medisettle.Storage.GroupCommit;
using Medisettle.Storage.Hosting;
using Microsoft.Extensions.Logging;

namespace Medisettle.Storage.Dialects;

/// <summary>What differs between the ADO.NET providers: connections, session settings and DDL. The DML is shared.</summary>
internal interface IStorageDialect
{
    string Name { get; }

    GroupCommitStorageOptions Options { get; }

    /// <summary>
    /// Run first in every write transaction that appends to the journal, before any journal row takes its sequence:
    /// gives the transaction its id at once, which <see cref="ReadSafeSequenceAsync"/> relies on. Null when the
    /// database has one writer at a time (SQLite).
    /// </summary>
    string? BeginJournalWriteSql { get; }

    /// <summary>
    /// Appended to the read of a row's version that checks an append-only write
    /// (<see cref="Journal.IJournaledState{TState}.AppendAsync"/>), so that no other transaction can write the row or
    /// append for it until this one ends: empty on SQLite, which runs one write transaction at a time (BEGIN IMMEDIATE);
    /// <c>FOR UPDATE</c> on PostgreSQL, where another silo's append or row write for the same state then waits for this
    /// commit, and its stream fence, read after the wait, sees this transaction's entries.
    /// </summary>
    string RowLock { get; }

    /// <summary>
    /// Whether the group-commit writer stores journal payloads compressed (<see cref="Compression.PayloadCodec"/>):
    /// when <see cref="Hosting.GroupCommitStorageOptions.CompressJournalPayloads"/>, on SQLite, and on PostgreSQL when
    /// the journal's <c>payload</c> column is <c>bytea</c> (a journal created before it was, with a <c>text</c> column,
    /// keeps its payloads as text).
    /// </summary>
    bool CompressesJournalPayloads { get; }

    /// <summary>The parameter type of a journal row's payload in the ADO.NET insert statements (<see cref="JournalPayload"/>).</summary>
    DbType JournalPayloadType { get; }

    /// <summary>
    /// A journal row's payload as those statements bind it: the stored form (compressed, or the JSON's UTF-8 bytes) for
    /// a binary column, the JSON text for a text column.
    /// </summary>
    object JournalPayload(Journal.JournalAppend append);

    /// <summary>The parameter type of a state row's time (<c>grain_state.updated_at</c>): see <see cref="RowTime"/>.</summary>
    DbType RowTimeType { get; }

    /// <summary>
    /// A state row's time as it is bound: milliseconds since 1970-01-01 UTC on SQLite (an integer, as the journal's
    /// <c>created_at</c>), the <see cref="DateTimeOffset"/> itself on PostgreSQL (<c>timestamptz</c>).
    /// </summary>
    object RowTime(DateTimeOffset time);

    /// <summary>
    /// The writer's journal insert and version check through the database's own interface on <paramref name="connection"/>
    /// (SQLite), or null to run them as ADO.NET statements (PostgreSQL).
    /// </summary>
    IWriterStatements? CreateWriterStatements(DbConnection connection);

    /// <summary>
    /// The journal's stream index kept apart from the journal table (a SQLite file made by this version), or null where
    /// the journal table indexes its streams itself (PostgreSQL, SQLite files made before). Set by <see cref="EnsureSchemaAsync"/>.
    /// </summary>
    SqliteStreamIndex? StreamIndex { get; }

    /// <summary>
    /// Whether <paramref name="exception"/> means the database rolled the whole transaction back for a reason that running
    /// it again can clear (PostgreSQL: a deadlock or a serialization failure); never on SQLite, whose one writer waits.
    /// </summary>
    bool IsTransientFailure(Exception exception);

    /// <summary>The rows a statement of a <see cref="DbBatch"/> changed, or returned if it is a SELECT.</summary>
    long RowsOf(DbBatchCommand command);

    /// <summary>
    /// The journal's safe point: the highest sequence at or below which no entry can still appear. Writers in
    /// several processes take sequences when they insert, not when they commit, so sequence 11 can become visible
    /// while 10 is still uncommitted; readers that move a cursor "after sequence N" read only up to this point, and
    /// never skip an entry. Waits a bounded time for transactions in flight to end, then answers the last safe point
    /// it knew. <see cref="long.MaxValue"/> when sequences become visible in order (SQLite).
    /// </summary>
    ValueTask<long> ReadSafeSequenceAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Opens a connection with the provider's session settings applied.</summary>
    ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Creates the tables and indexes if they do not exist (idempotent, safe to run concurrently).</summary>
    Task EnsureSchemaAsync(CancellationToken cancellationToken);

    /// <summary>Starts the provider's background upkeep, if it has any (SQLite: WAL checkpoints off the commit path); idempotent.</summary>
    void StartUpkeep(ILogger log);

    /// <summary>Stops the background upkeep and waits for it to finish.</summary>
    Task StopUpkeepAsync();
}
