using System.Data;
using System.Data.Common;
using Medisettle.Storage.Dialects;
using Medisettle.Storage.Journal;

namespace Medisettle.Storage.GroupCommit;

/// <summary>The fast path of a group commit: every write of the batch, no savepoints, one round trip where the provider batches.</summary>
public sealed partial class GroupCommitGrainStorage
{
    /// <summary>
    /// Commits the batch when every write applies (the usual case) and returns true; when any write would be refused,
    /// rolls the transaction back, leaves nothing written, and returns false (the caller redoes it with savepoints).
    /// </summary>
    private async Task<bool> TryCommitOptimisticAsync(
        DbConnection connection, IReadOnlyList<PendingWrite> batch, WriterStatementsCache statements, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await BeforeWritesAsync(connection, transaction, batch, cancellationToken);
        var now = _time.GetUtcNow();
        var live = new List<PendingWrite>(batch);
        foreach (var pending in live)
        {
            pending.Error = null;
        }

        var applied = connection.CanCreateBatch
            ? await ExecuteAsOneBatchAsync(connection, transaction, live, now, _dialect, cancellationToken)
            : await ExecuteEachAsync(connection, transaction, live, now, statements, cancellationToken);
        if (!applied)
        {
            await transaction.RollbackAsync(cancellationToken);
            statements.Current?.RolledBack();
            return false;
        }

        await BeforeCommitAsync();
        await transaction.CommitAsync(cancellationToken);
        statements.Current?.Committed();
        foreach (var pending in live)
        {
            pending.NewVersion = pending.Write.VersionAfter;
        }

        return true;
    }

    private async Task<bool> ExecuteEachAsync(
        DbConnection connection, DbTransaction transaction, List<PendingWrite> live, DateTimeOffset now, WriterStatementsCache statements, CancellationToken cancellationToken)
    {
        var commands = await statements.ForAsync(connection, transaction, _dialect, cancellationToken);
        commands.BeginTransaction();
        foreach (var pending in live)
        {
            var write = pending.Write;
            if (!await WriteStateRowAsync(commands, write, now, cancellationToken))
            {
                return false;
            }

            for (var first = 0; first < write.Appends.Count; first += BatchCommands.JournalRowsPerStatementMax)
            {
                var rows = Math.Min(BatchCommands.JournalRowsPerStatementMax, write.Appends.Count - first);
                if (!await commands.AppendJournalAsync(write.Appends, first, rows, now, cancellationToken))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// Every statement of the batch in one <see cref="DbBatch"/> (one round trip), then the affected-row counts are
    /// checked (a SELECT counts the rows it returned): an append-only write's version check must return its row, a
    /// fence's check none. Each statement takes its own snapshot, so a fence's check sees what committed while the row
    /// update before it waited for the row's lock.
    /// </summary>
    private static async Task<bool> ExecuteAsOneBatchAsync(
        DbConnection connection, DbTransaction transaction, List<PendingWrite> live, DateTimeOffset now, IStorageDialect dialect, CancellationToken cancellationToken)
    {
        if (live.Count == 0)
        {
            return true;
        }

        await using var dbBatch = connection.CreateBatch();
        dbBatch.Transaction = transaction;
        var expected = new List<int>(live.Count * 2);
        foreach (var pending in live)
        {
            var write = pending.Write;
            if (write.AppendOnly)
            {
                var check = Add(dbBatch, StorageSql.StateVersionIs(dialect.RowLock));
                Parameter(check, "type", write.GrainType, DbType.String);
                Parameter(check, "key", write.GrainKey, DbType.String);
                Parameter(check, "name", write.StateName, DbType.String);
                Parameter(check, "expected", write.ExpectedVersion, DbType.Int64);
                expected.Add(1);
            }
            else
            {
                var insert = write.ExpectedVersion == 0;
                var state = Add(dbBatch, insert ? StorageSql.InsertState : StorageSql.UpdateState);
                Parameter(state, "type", write.GrainType, DbType.String);
                Parameter(state, "key", write.GrainKey, DbType.String);
                Parameter(state, "name", write.StateName, DbType.String);
                Parameter(state, "payload", write.Payload, DbType.Binary);
                Parameter(state, "now", dialect.RowTime(now), dialect.RowTimeType);
                if (!insert)
                {
                    Parameter(state, "version", checked(write.ExpectedVersion + 1), DbType.Int64);
                    Parameter(state, "expected", write.ExpectedVersion, DbType.Int64);
                }

                expected.Add(1);
            }

            if (write.Fence is { } fence)
            {
                var fenced = Add(dbBatch, StorageSql.StreamHasEntryAfter);
                Parameter(fenced, "stream", fence.Stream, DbType.String);
                Parameter(fenced, "last", fence.LastEntryId, DbType.String);
                expected.Add(0);
            }

            // Stream rows go in multi-row inserts, in their order; an entry found by id only, and a row that must also be
            // unique among them, takes an insert of its own.
            var streamRows = new List<JournalAppend>(write.Appends.Count);
            foreach (var append in write.Appends)
            {
                if (!append.FoundByIdOnly && !append.UniqueAmongKeyedEntries)
                {
                    streamRows.Add(append);
                    continue;
                }

                AddStreamRows(dbBatch, streamRows, expected, now, dialect);
                streamRows.Clear();
                if (append.FoundByIdOnly)
                {
                    var insert = Add(dbBatch, StorageSql.InsertKeyedEntry);
                    Parameter(insert, "e0", append.EntryId, DbType.String);
                    Parameter(insert, "d0", append.StoredBytes, DbType.Binary);
                    Parameter(insert, "n0", now, DbType.DateTimeOffset);
                }
                else
                {
                    AddJournalRows(Add(dbBatch, StorageSql.InsertJournalRowUnlessKeyed), [append], 0, 1, now, dialect);
                }

                expected.Add(1);
            }

            AddStreamRows(dbBatch, streamRows, expected, now, dialect);
        }

        await dbBatch.ExecuteNonQueryAsync(cancellationToken);
        for (var i = 0; i < expected.Count; i++)
        {
            if (dialect.RowsOf(dbBatch.BatchCommands[i]) != expected[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Adds the multi-row inserts of <paramref name="streamRows"/>, in their order, and the rows each must insert.</summary>
    private static void AddStreamRows(DbBatch dbBatch, List<JournalAppend> streamRows, List<int> expected, DateTimeOffset now, IStorageDialect dialect)
    {
        for (var first = 0; first < streamRows.Count; first += BatchCommands.JournalRowsPerStatementMax)
        {
            var rows = Math.Min(BatchCommands.JournalRowsPerStatementMax, streamRows.Count - first);
            AddJournalRows(Add(dbBatch, StorageSql.InsertJournalRows(rows)), streamRows, first, rows, now, dialect);
            expected.Add(rows);
        }
    }

    private static void AddJournalRows(DbBatchCommand command, List<JournalAppend> appends, int first, int rows, DateTimeOffset now, IStorageDialect dialect)
    {
        for (var i = 0; i < rows; i++)
        {
            var append = appends[first + i];
            Parameter(command, $"s{i}", append.Stream, DbType.String);
            Parameter(command, $"e{i}", append.EntryId, DbType.String);
            Parameter(command, $"d{i}", dialect.JournalPayload(append), dialect.JournalPayloadType);
            Parameter(command, $"n{i}", now, DbType.DateTimeOffset);
            Parameter(command, $"a{i}", append.AlsoStream, DbType.String);
        }
    }

    private static DbBatchCommand Add(DbBatch batch, string text)
    {
        var command = batch.CreateBatchCommand();
        command.CommandText = text;
        batch.BatchCommands.Add(command);
        return command;
    }

    private static void Parameter(DbBatchCommand command, string name, object? value, DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
