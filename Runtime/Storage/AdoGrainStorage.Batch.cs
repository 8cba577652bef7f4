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
                foreach (var pending in batch)
                {
                    pending.Error = null;
                    if (fenced.Count > 0 && fenced.Contains(pending.Write.Partition))
                    {
                        pending.Error = new WriteFencedException(pending.Write.GrainId, pending.Write.Partition);
                        continue;
                    }

                    await ExecuteWriteAsync(connection, transaction, pending, now, cancellationToken);
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
        var rejected = 0;
        foreach (var pending in batch)
        {
            if (pending.Error is not null)
            {
                rejected++;
                pending.TrySetException(pending.Error);
            }
            else
            {
                pending.TrySetResult(pending.NewVersion);
            }
        }

        Statistics.OnCommitted(batch.Count - rejected, rejected);
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

    private static async Task<bool> WriteStateRowAsync(DbConnection connection, DbTransaction transaction, GrainStateWrite write, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var insert = write.ExpectedVersion == 0;
        await using var command = StorageSql.Command(connection, transaction, insert ? StorageSql.InsertState : StorageSql.UpdateState);
        command.Add("type", write.GrainId.Type, DbType.String);
        command.Add("key", write.GrainId.Key, DbType.String);
        command.Add("name", write.StateName, DbType.String);
        command.Add("partition", write.Partition, DbType.Int32);
        command.Add("payload", write.Payload, DbType.String);
        command.Add("now", now, DbType.DateTimeOffset);
        if (!insert)
        {
            command.Add("version", checked(write.ExpectedVersion + 1), DbType.Int64);
            command.Add("expected", write.ExpectedVersion, DbType.Int64);
        }

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
