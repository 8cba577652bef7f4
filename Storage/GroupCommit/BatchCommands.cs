using System.Data;
using System.Data.Common;
using Medisettle.Storage.Dialects;
using Medisettle.Storage.Journal;

namespace Medisettle.Storage.GroupCommit;

/// <summary>
/// The statements of write transactions, prepared once and re-executed for every write with new parameter values:
/// for one batch, or for every batch of the writer's connection (<see cref="WriterStatementsCache"/>, each batch
/// joining them to its transaction with <see cref="Join"/>).
/// </summary>
internal sealed class BatchCommands : IAsyncDisposable
{
    /// <summary>Journal rows inserted by one statement; a write with more appends uses several statements.</summary>
    public const int JournalRowsPerStatementMax = 16;

    private readonly DbConnection _connection;
    private DbTransaction _transaction;
    private readonly DbCommand[] _all;
    private readonly DbCommand?[] _journalInserts = new DbCommand?[JournalRowsPerStatementMax + 1];
    private DbCommand? _insertKeyed;
    private DbCommand? _insertUnlessKeyed;

    private readonly IWriterStatements? _native;

    private readonly IStorageDialect _dialect;

    private BatchCommands(DbConnection connection, DbTransaction transaction, IStorageDialect dialect)
    {
        _connection = connection;
        _transaction = transaction;
        _dialect = dialect;
        InsertState = Create(connection, transaction, StorageSql.InsertState, ("type", DbType.String), ("key", DbType.String), ("name", DbType.String),
            ("payload", DbType.Binary), ("now", dialect.RowTimeType));
        UpdateState = Create(connection, transaction, StorageSql.UpdateState, ("type", DbType.String), ("key", DbType.String), ("name", DbType.String),
            ("payload", DbType.Binary), ("now", dialect.RowTimeType), ("version", DbType.Int64), ("expected", DbType.Int64));
        Savepoint = Create(connection, transaction, "SAVEPOINT w");
        Release = Create(connection, transaction, "RELEASE SAVEPOINT w");
        RollbackToSavepoint = Create(connection, transaction, "ROLLBACK TO SAVEPOINT w");
        _native = dialect.CreateWriterStatements(connection);
        // Where the dialect runs the checks natively (SQLite), their ADO.NET statements are not prepared at all.
        if (_native is null)
        {
            StateVersionIs = Create(connection, transaction, StorageSql.StateVersionIs(dialect.RowLock), ("type", DbType.String), ("key", DbType.String), ("name", DbType.String), ("expected", DbType.Int64));
            StreamHasEntryAfter = Create(connection, transaction, StorageSql.StreamHasEntryAfter, ("stream", DbType.String), ("last", DbType.String));
        }

        _all = [InsertState, UpdateState, Savepoint, Release, RollbackToSavepoint, .. _native is null ? [StateVersionIs!, StreamHasEntryAfter!] : Array.Empty<DbCommand>()];
    }

    /// <summary>The connection the statements are prepared on.</summary>
    public DbConnection Connection => _connection;

    public DbCommand InsertState { get; }

    public DbCommand UpdateState { get; }

    private DbCommand? StateVersionIs { get; }

    private DbCommand? StreamHasEntryAfter { get; }

    public DbCommand Savepoint { get; }

    public DbCommand Release { get; }

    public DbCommand RollbackToSavepoint { get; }

    public static async Task<BatchCommands> CreateAsync(DbConnection connection, DbTransaction transaction, IStorageDialect dialect, CancellationToken cancellationToken)
    {
        var commands = new BatchCommands(connection, transaction, dialect);
        foreach (var command in commands._all)
        {
            await command.PrepareAsync(cancellationToken);
        }

        return commands;
    }

    /// <summary>Once the transaction has begun, before its first write (<see cref="IWriterStatements.BeginTransaction"/>).</summary>
    public void BeginTransaction() => _native?.BeginTransaction();

    /// <summary>Where the transaction stands before a write (<see cref="IWriterStatements.WriteMark"/>).</summary>
    public int WriteMark => _native?.WriteMark ?? 0;

    /// <summary>The write begun at <paramref name="mark"/> was rolled back to its savepoint.</summary>
    public void UndoWrite(int mark) => _native?.UndoWrite(mark);

    /// <summary>After COMMIT.</summary>
    public void Committed() => _native?.Committed();

    /// <summary>After the transaction was rolled back or failed as a whole.</summary>
    public void RolledBack() => _native?.RolledBack();

    /// <summary>Whether the write's state row exists with its expected version (the check of an append-only write).</summary>
    public async ValueTask<bool> StateVersionIsAsync(StateWrite write, CancellationToken cancellationToken)
    {
        if (_native is { } native)
        {
            return native.StateVersionIs(write.GrainType, write.GrainKey, write.StateName, write.ExpectedVersion);
        }

        var check = StateVersionIs!;
        Set(check, 0, write.GrainType);
        Set(check, 1, write.GrainKey);
        Set(check, 2, write.StateName);
        Set(check, 3, write.ExpectedVersion);
        return await check.ExecuteScalarAsync(cancellationToken) is not null;
    }

    /// <summary>Whether the fence's stream has an entry after the fence's last one (the write must then be refused).</summary>
    public async ValueTask<bool> StreamHasEntryAfterAsync(StreamFence fence, CancellationToken cancellationToken)
    {
        if (_native is { } native)
        {
            return native.StreamHasEntryAfter(fence);
        }

        var check = StreamHasEntryAfter!;
        Set(check, 0, fence.Stream);
        Set(check, 1, fence.LastEntryId);
        return await check.ExecuteScalarAsync(cancellationToken) is not null;
    }

    /// <summary>Inserts appends [first, first + rows) of a write; false when any of their entry ids already existed.</summary>
    public async ValueTask<bool> AppendJournalAsync(IReadOnlyList<JournalAppend> appends, int first, int rows, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_native is { } native)
        {
            return native.Insert(appends, first, rows, now);
        }

        // Stream rows go in multi-row inserts, in their order; a row that must also be unique among the entries found by
        // id only takes an insert of its own, as an entry found by id only does.
        var streamRows = new List<JournalAppend>(rows);
        for (var i = first; i < first + rows; i++)
        {
            var append = appends[i];
            if (!append.FoundByIdOnly && !append.UniqueAmongKeyedEntries)
            {
                streamRows.Add(append);
                continue;
            }

            if (!await InsertStreamRowsAsync(streamRows, now, cancellationToken))
            {
                return false;
            }

            streamRows.Clear();
            if (!await (append.FoundByIdOnly ? InsertKeyedAsync(append, now, cancellationToken) : InsertUnlessKeyedAsync(append, now, cancellationToken)))
            {
                return false;
            }
        }

        return await InsertStreamRowsAsync(streamRows, now, cancellationToken);
    }

    /// <summary>Inserts journal rows in one statement; false when any of their entry ids existed.</summary>
    private async ValueTask<bool> InsertStreamRowsAsync(List<JournalAppend> streamRows, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (streamRows.Count == 0)
        {
            return true;
        }

        const int PerRow = StorageSql.JournalParametersPerRow;
        var command = await InsertJournalAsync(streamRows.Count, cancellationToken);
        for (var i = 0; i < streamRows.Count; i++)
        {
            SetJournalRow(command, i * PerRow, streamRows[i], now);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken) == streamRows.Count;
    }

    private void SetJournalRow(DbCommand command, int at, JournalAppend append, DateTimeOffset now)
    {
        Set(command, at, append.Stream);
        Set(command, at + 1, append.EntryId);
        Set(command, at + 2, _dialect.JournalPayload(append));
        Set(command, at + 3, now);
        Set(command, at + 4, append.AlsoStream);
    }

    /// <summary>Inserts a journal row unless its id is an entry's found by id only (<see cref="JournalAppend.UniqueAmongKeyedEntries"/>); false when its id existed.</summary>
    private async ValueTask<bool> InsertUnlessKeyedAsync(JournalAppend append, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_insertUnlessKeyed is null)
        {
            _insertUnlessKeyed = Create(_connection, _transaction, StorageSql.InsertJournalRowUnlessKeyed, JournalRowParameters(1));
            await _insertUnlessKeyed.PrepareAsync(cancellationToken);
        }

        SetJournalRow(_insertUnlessKeyed, 0, append, now);
        return await _insertUnlessKeyed.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Inserts an entry found by id only (<see cref="JournalAppend.FoundByIdOnly"/>); false when its id existed.</summary>
    private async ValueTask<bool> InsertKeyedAsync(JournalAppend append, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_insertKeyed is null)
        {
            _insertKeyed = Create(_connection, _transaction, StorageSql.InsertKeyedEntry, ("e0", DbType.String), ("d0", DbType.Binary), ("n0", DbType.DateTimeOffset));
            await _insertKeyed.PrepareAsync(cancellationToken);
        }

        Set(_insertKeyed, 0, append.EntryId);
        Set(_insertKeyed, 1, append.StoredBytes);
        Set(_insertKeyed, 2, now);
        return await _insertKeyed.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>The (prepared, cached) statement inserting <paramref name="rows"/> journal rows; parameters are <see cref="StorageSql.JournalParametersPerRow"/> per row.</summary>
    private async ValueTask<DbCommand> InsertJournalAsync(int rows, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rows, JournalRowsPerStatementMax);
        if (_journalInserts[rows] is { } cached)
        {
            return cached;
        }

        var command = Create(_connection, _transaction, StorageSql.InsertJournalRows(rows), JournalRowParameters(rows));
        await command.PrepareAsync(cancellationToken);
        _journalInserts[rows] = command;
        return command;
    }

    /// <summary>The parameters of <paramref name="rows"/> journal rows, <see cref="StorageSql.JournalParametersPerRow"/> per row.</summary>
    private (string, DbType)[] JournalRowParameters(int rows)
    {
        var columns = new List<(string, DbType)>(rows * StorageSql.JournalParametersPerRow);
        for (var i = 0; i < rows; i++)
        {
            columns.AddRange([($"s{i}", DbType.String), ($"e{i}", DbType.String), ($"d{i}", _dialect.JournalPayloadType), ($"n{i}", DbType.DateTimeOffset), ($"a{i}", DbType.String)]);
        }

        return [.. columns];
    }

    /// <summary>The first of appends [first, first + rows) whose entry id is already in the journal (the rare refusal path).</summary>
    public async Task<string?> FindFirstExistingEntryIdAsync(IReadOnlyList<JournalAppend> appends, int first, int rows, CancellationToken cancellationToken)
    {
        await using var command = Create(_connection, _transaction, StorageSql.EntryExists, ("id", DbType.String));
        for (var i = first; i < first + rows; i++)
        {
            Set(command, 0, appends[i].EntryId);
            if (await command.ExecuteScalarAsync(cancellationToken) is not null)
            {
                return appends[i].EntryId;
            }
        }

        return null;
    }

    /// <summary>Makes every statement run in <paramref name="transaction"/>, the next transaction of the same connection.</summary>
    public void Join(DbTransaction transaction)
    {
        _transaction = transaction;
        foreach (var command in _all.Concat(_journalInserts).Append(_insertKeyed).Append(_insertUnlessKeyed))
        {
            if (command is not null)
            {
                command.Transaction = transaction;
            }
        }
    }

    public static void Set(DbCommand command, int index, object? value) => command.Parameters[index].Value = value ?? DBNull.Value;

    /// <summary>Sets a state row's time as the dialect binds it (<see cref="IStorageDialect.RowTime"/>).</summary>
    public void SetRowTime(DbCommand command, int index, DateTimeOffset time) => Set(command, index, _dialect.RowTime(time));

    public async ValueTask DisposeAsync()
    {
        _native?.Dispose();
        foreach (var command in _all.Concat(_journalInserts).Append(_insertKeyed).Append(_insertUnlessKeyed))
        {
            if (command is not null)
            {
                await command.DisposeAsync();
            }
        }
    }

    private static DbCommand Create(DbConnection connection, DbTransaction transaction, string text, params (string Name, DbType Type)[] parameters)
    {
        var command = StorageSql.Command(connection, transaction, text);
        foreach (var (name, type) in parameters)
        {
            command.Add("@" + name, null, type);
        }

        return command;
    }
}
