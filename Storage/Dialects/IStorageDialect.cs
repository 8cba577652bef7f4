using System.Data.Common;
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
    /// Whether a write may append to the journal without rewriting its state row (<see cref="Journal.IJournaledState{TState}.AppendAsync"/>),
    /// fenced by a read of the row's version inside the write transaction. True only where that read cannot race a
    /// concurrent writer: SQLite runs one write transaction at a time (BEGIN IMMEDIATE). On PostgreSQL every write
    /// still rewrites its row (a read there would need a row lock to fence a concurrent activation).
    /// </summary>
    bool SupportsAppendOnlyWrites { get; }

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
