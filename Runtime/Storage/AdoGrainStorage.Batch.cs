using System.Data;
using System.Data.Common;
using Medisettle.Runtime.Journal;

namespace Medisettle.Runtime.Storage;

internal sealed partial class AdoGrainStorage
{
    private const string SavepointName = "w";

    /// <summary>
    /// Runs <paramref name="batch"/> in one transaction: fence check, then each write (with its journal
    /// appends under a savepoint so a duplicate entry undoes only that write), then COMMIT. Each task is
    /// completed only after COMMIT. Returns false when the transaction failed as a whole (connection suspect).
    /// </summary>
    internal async Task<bool> CommitBatchAsync(DbConnection connection, IReadOnlyList<PendingWrite> batch, CancellationToken cancellationToken)
    {
        try
        {
            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                var fenced = await CheckFenceAsync(connection, transaction, batch, cancellationToken);
                var now = _time.GetUtcNow();
                var stateOnly = new List<PendingWrite>(batch.Count);
                foreach (var pending in batch)
                {
                    pending.Error = null;
                    if (fenced.Count > 0 && fenced.Contains(pending.Write.Partition))
                    {
                        pending.Error = new WriteFencedException(pending.Write.GrainId, pending.Write.Partition);
                    }
                    else if (connection.CanCreateBatch && pending.Write.Appends.Count == 0)
                    {
                        stateOnly.Add(pending); // one round trip for all of them below
                    }
                    else
                    {
                        await ExecuteWriteAsync(connection, transaction, pending, now, cancellationToken);
                    }
                }

                if (stateOnly.Count > 0)
                {
                    await ExecuteStateBatchAsync(connection, transaction, stateOnly, now, cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
            }
        }
        catch (Exception exception)
        {
            Statistics.OnBatchFailed();
            LogBatchFailed(_log, exception, _dialect.Name, batch.Count);
            foreach (var pending in batch)
            {
                pending.TrySetException(exception);
            }

            return false;
        }

        Complete(batch);
        return true;
    }

    private void Complete(IReadOnlyList<PendingWrite> batch)
    {
        var rejected = batch.Count(p => p.Error is not null);
        Statistics.OnCommitted(batch.Count - rejected, rejected); // before any caller can observe its result
        foreach (var pending in batch)
        {
            if (pending.Error is not null)
            {
                pending.TrySetException(pending.Error);
            }
            else
            {
                pending.TrySetResult(pending.NewVersion);
            }
        }
    }

    private async ValueTask<IReadOnlyCollection<int>> CheckFenceAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<PendingWrite> batch, CancellationToken cancellationToken)
    {
        var partitions = new HashSet<int>();
        foreach (var pending in batch)
        {
            partitions.Add(pending.Write.Partition);
        }

        var fenced = await _fence.CheckAsync(connection, transaction, partitions, cancellationToken);
        return fenced.Count == 0 ? fenced : fenced as HashSet<int> ?? [.. fenced];
    }

    private static async Task ExecuteWriteAsync(DbConnection connection, DbTransaction transaction, PendingWrite pending, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var write = pending.Write;
        var withAppends = write.Appends.Count > 0;
        if (withAppends)
        {
            await transaction.SaveAsync(SavepointName, cancellationToken);
        }

        if (!await WriteStateRowAsync(connection, transaction, write, now, cancellationToken))
        {
            pending.Error = new StorageConflictException(write.GrainId, write.StateName, write.ExpectedVersion);
        }
        else
        {
            foreach (var append in write.Appends)
            {
                if (!await AppendJournalAsync(connection, transaction, append, write.Partition, now, cancellationToken))
                {
                    pending.Error = new DuplicateJournalEntryException(append.EntryId);
                    break;
                }
            }
        }

        if (withAppends)
        {
            if (pending.Error is null)
            {
                await transaction.ReleaseAsync(SavepointName, cancellationToken);
            }
            else
            {
                await transaction.RollbackAsync(SavepointName, cancellationToken);
            }
        }

        pending.NewVersion = checked(write.ExpectedVersion + 1);
    }

    /// <summary>
    /// State-only writes in one <see cref="DbBatch"/> round trip (PostgreSQL). A conflict affects 0 rows and
    /// does not abort the transaction, so no savepoint is needed.
    /// </summary>
    private static async Task ExecuteStateBatchAsync(DbConnection connection, DbTransaction transaction, List<PendingWrite> writes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        foreach (var pending in writes)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = pending.Write.ExpectedVersion == 0 ? StorageSql.InsertState : StorageSql.UpdateState;
            BindState(pending.Write, now, command.Parameters, command.CreateParameter);
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        for (var i = 0; i < writes.Count; i++)
        {
            var write = writes[i].Write;
            if (batch.BatchCommands[i].RecordsAffected == 1)
            {
                writes[i].NewVersion = checked(write.ExpectedVersion + 1);
            }
            else
            {
                writes[i].Error = new StorageConflictException(write.GrainId, write.StateName, write.ExpectedVersion);
            }
        }
    }

    private static void BindState(GrainStateWrite write, DateTimeOffset now, DbParameterCollection parameters, Func<DbParameter> create)
    {
        void Add(string name, object? value, DbType type)
        {
            var parameter = create();
            parameter.ParameterName = name;
            parameter.DbType = type;
            parameter.Value = value ?? DBNull.Value;
            parameters.Add(parameter);
        }

        Add("type", write.GrainId.Type, DbType.String);
        Add("key", write.GrainId.Key, DbType.String);
        Add("name", write.StateName, DbType.String);
        Add("partition", write.Partition, DbType.Int32);
        Add("payload", write.Payload, DbType.String);
        Add("now", now, DbType.DateTimeOffset);
        if (write.ExpectedVersion != 0) // UPDATE; the INSERT sets version 1
        {
            Add("version", checked(write.ExpectedVersion + 1), DbType.Int64);
            Add("expected", write.ExpectedVersion, DbType.Int64);
        }
    }

    private static async Task<bool> WriteStateRowAsync(DbConnection connection, DbTransaction transaction, GrainStateWrite write, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sql = write.ExpectedVersion == 0 ? StorageSql.InsertState : StorageSql.UpdateState;
        await using var command = StorageSql.Command(connection, transaction, sql);
        BindState(write, now, command.Parameters, command.CreateParameter);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static async Task<bool> AppendJournalAsync(DbConnection connection, DbTransaction transaction, JournalAppend append, int partition, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = StorageSql.Command(connection, transaction, StorageSql.InsertJournal);
        command.Add("stream", append.Stream, DbType.String);
        command.Add("entry", append.EntryId, DbType.String);
        command.Add("partition", partition, DbType.Int32);
        command.Add("payload", append.Payload, DbType.String);
        command.Add("now", now, DbType.DateTimeOffset);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
