using System.Data.Common;
using System.Diagnostics;
using Medisettle.Storage.Diagnostics;
using Medisettle.Storage.Journal;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Medisettle.Storage.GroupCommit;

public sealed partial class GroupCommitGrainStorage
{
    /// <summary>
    /// Runs <paramref name="batch"/> in one transaction and completes each task only after COMMIT. First
    /// optimistically, without savepoints (on providers that support <see cref="DbBatch"/> — PostgreSQL — as one
    /// round trip); if any write is refused (version conflict, duplicate journal entry) that transaction is rolled
    /// back and the batch runs again with a savepoint per write, so a refused write undoes only itself. Returns
    /// false when the transaction failed as a whole (connection suspect).
    /// </summary>
    internal async Task<bool> CommitBatchAsync(
        DbConnection connection, IReadOnlyList<PendingWrite> batch, WriterStatementsCache statements, CancellationToken cancellationToken)
    {
        using var span = StartTransactionSpan(batch);
        var started = Stopwatch.GetTimestamp();
        // Where several silos' writers lock rows (PostgreSQL), each batch takes its rows' locks in one order (the rows'
        // keys), so two batches that share rows wait for each other instead of deadlocking.
        var ordered = _dialect.RowLock.Length == 0 ? batch : InRowOrder(batch);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (!await TryCommitOptimisticAsync(connection, ordered, statements, cancellationToken))
                {
                    Statistics.OnOptimisticFallback();
                    span?.SetTag("medisettle.optimistic_fallback", true);
                    await CommitWithSavepointsAsync(connection, ordered, statements, cancellationToken);
                }

                var elapsed = Stopwatch.GetElapsedTime(started);
                Statistics.OnTransaction(elapsed, batch.Count);
                StorageTelemetry.OnTransaction(Name, elapsed, batch.Count);
                break;
            }
            catch (Exception exception) when (attempt < TransientAttemptsMax && _dialect.IsTransientFailure(exception))
            {
                // The database rolled the whole transaction back (a deadlock or serialization failure): nothing of it was
                // written, so the batch runs again.
                statements.Current?.RolledBack();
                LogBatchRetried(_log, exception, _dialect.Name, batch.Count, attempt);
            }
            catch (Exception exception)
            {
                statements.Current?.RolledBack();
                Statistics.OnBatchFailed();
                StorageTelemetry.OnWrites(Name, "failed", batch.Count);
                span?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
                LogBatchFailed(_log, exception, _dialect.Name, batch.Count);
                foreach (var pending in batch)
                {
                    pending.TrySetException(exception);
                }

                return false;
            }
        }

        Complete(batch);
        return true;
    }

    /// <summary>Attempts of a batch whose transaction the database rolled back as a whole for a transient reason.</summary>
    private const int TransientAttemptsMax = 3;

    /// <summary>The batch ordered by its rows' keys (grain type, key, state name); writes of one row keep their order.</summary>
    internal static List<PendingWrite> InRowOrder(IReadOnlyList<PendingWrite> batch) =>
        [.. batch
            .OrderBy(p => p.Write.GrainType, StringComparer.Ordinal)
            .ThenBy(p => p.Write.GrainKey, StringComparer.Ordinal)
            .ThenBy(p => p.Write.StateName, StringComparer.Ordinal)];

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "Grain storage {Provider}: a transaction of {Count} writes was rolled back by the database (attempt {Attempt}); running it again")]
    private static partial void LogBatchRetried(ILogger logger, Exception exception, string provider, int count, int attempt);

    /// <summary>
    /// The <c>group-commit transaction</c> span: a root of its own (one batch serves many swipes), linked to the
    /// <c>group-commit wait</c> span of each write it carries; each write learns the span to link back to.
    /// </summary>
    private Activity? StartTransactionSpan(IReadOnlyList<PendingWrite> batch)
    {
        if (!StorageTelemetry.Source.HasListeners())
        {
            return null;
        }

        var links = new List<ActivityLink>(batch.Count);
        foreach (var pending in batch)
        {
            if (pending.WaitContext != default)
            {
                links.Add(new ActivityLink(pending.WaitContext));
            }
        }

        // A write committed directly (group commit off) runs in its caller's span: its transaction is a child of it.
        // The writer loop's batch is a root span, whatever its thread inherited (this async method's change of
        // Activity.Current does not flow back to its caller).
        var direct = batch.Count == 1 && Activity.Current is { } caller && caller.Context == batch[0].WaitContext;
        if (!direct)
        {
            Activity.Current = null;
        }

        var span = StorageTelemetry.Source.StartActivity(
            StorageTelemetry.TransactionSpanName, ActivityKind.Internal, default(ActivityContext), links: direct ? null : links);
        if (span is null)
        {
            return null;
        }

        span.SetTag("db.system.name", _dialect.Name);
        span.SetTag("medisettle.storage", Name);
        span.SetTag("medisettle.batch.size", batch.Count);
        foreach (var pending in batch)
        {
            pending.TransactionContext = span.Context;
        }

        return span;
    }

    private async Task CommitWithSavepointsAsync(
        DbConnection connection, IReadOnlyList<PendingWrite> batch, WriterStatementsCache statements, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await BeforeWritesAsync(connection, transaction, batch, cancellationToken);
        var now = _time.GetUtcNow();
        var commands = await statements.ForAsync(connection, transaction, _dialect, cancellationToken);
        commands.BeginTransaction();
        foreach (var pending in batch)
        {
            pending.Error = null;
            await ExecuteWriteAsync(commands, pending, now, cancellationToken);
        }

        await BeforeCommitAsync();
        await transaction.CommitAsync(cancellationToken);
        commands.Committed();
    }

    /// <summary>Counts the batch in the statistics, then completes its tasks (so a caller sees the counters of its commit).</summary>
    private void Complete(IReadOnlyList<PendingWrite> batch)
    {
        var rejected = 0;
        foreach (var pending in batch)
        {
            rejected += pending.Error is null ? 0 : 1;
        }

        Statistics.OnCommitted(batch.Count - rejected, rejected);
        StorageTelemetry.OnWrites(Name, "committed", batch.Count - rejected);
        StorageTelemetry.OnWrites(Name, "rejected", rejected);
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

    /// <summary>
    /// Starts a transaction that appends to the journal the way the dialect's safe point needs (on PostgreSQL: the
    /// transaction takes its id before any journal row takes a sequence), then runs the test hook.
    /// </summary>
    private async Task BeforeWritesAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<PendingWrite> batch, CancellationToken cancellationToken)
    {
        if (_dialect.BeginJournalWriteSql is { } begin && AppendsToJournal(batch))
        {
            await using var command = StorageSql.Command(connection, transaction, begin);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        if (BeforeWritesForTesting is { } hook)
        {
            await hook();
        }
    }

    private async Task BeforeCommitAsync()
    {
        if (BeforeCommitForTesting is { } hook)
        {
            await hook();
        }
    }

    private static bool AppendsToJournal(IReadOnlyList<PendingWrite> batch)
    {
        foreach (var pending in batch)
        {
            if (pending.Write.Appends.Count > 0)
            {
                return true;
            }
        }

        return false;
    }

    private async Task ExecuteWriteAsync(BatchCommands commands, PendingWrite pending, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var write = pending.Write;
        // A refused write must leave nothing: its appends, or its row update when a fence refuses it after the update.
        var withSavepoint = write.Appends.Count > 0 || write.Fence is not null;
        var mark = commands.WriteMark;
        if (withSavepoint)
        {
            await commands.Savepoint.ExecuteNonQueryAsync(cancellationToken);
        }

        (int First, int Rows)? duplicateChunk = null;
        if (!await WriteStateRowAsync(commands, write, now, cancellationToken))
        {
            pending.Error = Conflict(write);
        }
        else
        {
            for (var first = 0; first < write.Appends.Count; first += BatchCommands.JournalRowsPerStatementMax)
            {
                var rows = Math.Min(BatchCommands.JournalRowsPerStatementMax, write.Appends.Count - first);
                if (!await commands.AppendJournalAsync(write.Appends, first, rows, now, cancellationToken))
                {
                    duplicateChunk = (first, rows);
                    break;
                }
            }
        }

        if (withSavepoint)
        {
            var refused = pending.Error is not null || duplicateChunk is not null;
            await (refused ? commands.RollbackToSavepoint : commands.Release).ExecuteNonQueryAsync(cancellationToken);
            if (refused)
            {
                commands.UndoWrite(mark);
            }
        }

        if (duplicateChunk is { } chunk)
        {
            // After the rollback only the entries that existed before this write remain: name the first of them.
            var existing = await commands.FindFirstExistingEntryIdAsync(write.Appends, chunk.First, chunk.Rows, cancellationToken);
            pending.Error = new DuplicateJournalEntryException(existing ?? write.Appends[chunk.First].EntryId);
        }

        pending.NewVersion = write.VersionAfter;
    }

    /// <summary>
    /// Writes the state row (or, for an append-only write, checks its version) and checks the write's stream fence;
    /// false when the write must be refused as a conflict.
    /// </summary>
    private static async Task<bool> WriteStateRowAsync(BatchCommands commands, StateWrite write, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rowDone = write.AppendOnly
            ? await commands.StateVersionIsAsync(write, cancellationToken)
            : await WriteRowAsync(commands, write, now, cancellationToken);
        return rowDone && (write.Fence is not { } fence || !await commands.StreamHasEntryAfterAsync(fence, cancellationToken));
    }

    private static async Task<bool> WriteRowAsync(BatchCommands commands, StateWrite write, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var insert = write.ExpectedVersion == 0;
        var command = insert ? commands.InsertState : commands.UpdateState;
        BatchCommands.Set(command, 0, write.GrainType);
        BatchCommands.Set(command, 1, write.GrainKey);
        BatchCommands.Set(command, 2, write.StateName);
        BatchCommands.Set(command, 3, write.Payload);
        commands.SetRowTime(command, 4, now);
        if (!insert)
        {
            BatchCommands.Set(command, 5, checked(write.ExpectedVersion + 1));
            BatchCommands.Set(command, 6, write.ExpectedVersion);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private InconsistentStateException Conflict(StateWrite write)
    {
        var expected = write.ExpectedVersion == 0 ? null : write.ExpectedVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var fence = write.Fence is { } f ? $", or stream '{f.Stream}' has entries after {(f.LastEntryId is { } last ? $"'{last}'" : "none")} that this activation did not read" : "";
        return new InconsistentStateException(
            $"Storage '{Name}': the stored version of {write.Describe()} is no longer {expected ?? "absent"}{fence}; another activation wrote it. Nothing was written.",
            null,
            expected);
    }
}
