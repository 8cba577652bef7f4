using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Medisettle.Storage.Diagnostics;
using Medisettle.Storage.Dialects;
using Medisettle.Storage.Journal;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Medisettle.Storage.GroupCommit;

/// <summary>
/// An Orleans grain storage (<see cref="IGrainStorage"/>) over ADO.NET — SQLite or PostgreSQL — that commits
/// the writes of many grains in one transaction (group commit), and the settlement journal (<see cref="IJournal"/>):
/// a state write can carry journal appends that commit in the same transaction, all or nothing.
/// </summary>
/// <remarks>
/// Every write is optimistic: it applies only if the stored version still equals the grain's ETag; otherwise that
/// caller alone fails with <see cref="InconsistentStateException"/>. A caller's task completes only after the
/// transaction holding its write committed. With group commit one <see cref="GroupCommitWriter"/> loop owns a
/// connection and commits batches one after another; without it every write runs its own transaction.
/// Joins the silo lifecycle: it starts (schema, writer) before grains run and, on a graceful stop, commits every
/// queued write before the silo goes.
/// </remarks>
public sealed partial class GroupCommitGrainStorage : IGrainStorage, IJournal, ILifecycleParticipant<ISiloLifecycle>, IAsyncDisposable
{
    private const int JournalReadCountMax = 10_000;

    private readonly IStorageDialect _dialect;
    private readonly IGrainStorageSerializer _serializer;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly SemaphoreSlim _startGate = new(1, 1);
    private GroupCommitWriter? _writer;
    private volatile bool _started;

    internal GroupCommitGrainStorage(string name, IStorageDialect dialect, TimeProvider time, ILogger log)
    {
        Name = name;
        _dialect = dialect;
        _serializer = dialect.Options.GrainStorageSerializer ?? throw new InvalidOperationException($"Storage '{name}' has no GrainStorageSerializer.");
        _time = time;
        _log = log;
    }

    /// <summary>The provider name it was registered under (e.g. "Default").</summary>
    public string Name { get; }

    public GrainStorageStatistics Statistics { get; } = new();

    /// <summary>Test hook: awaited inside every write transaction, before its statements run.</summary>
    internal Func<Task>? BeforeWritesForTesting { get; set; }

    /// <summary>Test hook: awaited inside every write transaction after its statements ran, just before COMMIT.</summary>
    internal Func<Task>? BeforeCommitForTesting { get; set; }

    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(
            $"{nameof(GroupCommitGrainStorage)}-{Name}",
            ServiceLifecycleStage.ApplicationServices,
            StartAsync,
            _ => StopAsync());
    }

    /// <summary>Creates the schema if needed and starts the writer loop. Idempotent.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _startGate.WaitAsync(cancellationToken);
        try
        {
            if (_started)
            {
                return;
            }

            await _dialect.EnsureSchemaAsync(cancellationToken);
            _dialect.StartUpkeep(_log);
            var options = _dialect.Options;
            if (options.GroupCommitEnabled)
            {
                _writer = new GroupCommitWriter(this, options, _log);
                _writer.Start();
            }

            _started = true;
            LogStarted(_log, Name, _dialect.Name, options.GroupCommitEnabled, options.GroupCommitWindow.TotalMilliseconds, options.GroupCommitBatchMax);
        }
        finally
        {
            _startGate.Release();
        }
    }

    /// <summary>Stops accepting writes and waits until every queued write is committed (or failed).</summary>
    public async Task StopAsync()
    {
        _started = false;
        if (_writer is { } writer)
        {
            await writer.StopAsync();
            LogStopped(_log, Name, Statistics.WritesCommitted);
        }

        await FlushStreamIndexAsync();
        if (_dialect.StreamIndex is { } index)
        {
            await index.Reads.StopAsync(); // their prepared statements would keep SQLite from closing the file's connections
        }

        await _dialect.StopUpkeepAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_dialect is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }

        _startGate.Dispose();
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var stored = await ReadRowAsync(grainId, stateName, cancellationToken);
        grainState.ETag = stored.Version == 0 ? null : stored.Version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = stored.Payload is not null;
        grainState.State = stored.Payload is null
            ? Activator.CreateInstance<T>()
            : _serializer.Deserialize<T>(new BinaryData(Compression.PayloadCodec.Decode(stored.Payload, "State", $"{grainId} ({stateName})"))) ?? Activator.CreateInstance<T>();
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, [], CancellationToken.None);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        WriteStateAsync(stateName, grainId, grainState, [], cancellationToken);

    /// <summary>
    /// Writes the state and appends <paramref name="appends"/> to the journal in the same transaction: all or
    /// nothing. A duplicate journal entry id fails this write alone with <see cref="DuplicateJournalEntryException"/>;
    /// a stale ETag with <see cref="InconsistentStateException"/>. Completes only after COMMIT.
    /// </summary>
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, IReadOnlyList<JournalAppend> appends, CancellationToken cancellationToken) =>
        WriteStateAsync(stateName, grainId, grainState, appends, null, cancellationToken);

    /// <summary>
    /// As <see cref="WriteStateAsync{T}(string, GrainId, IGrainState{T}, IReadOnlyList{JournalAppend}, CancellationToken)"/>;
    /// with a <paramref name="fence"/>, the write is also refused (<see cref="InconsistentStateException"/>) when the
    /// fence's stream has an entry after its last one.
    /// </summary>
    public async Task WriteStateAsync<T>(
        string stateName, GrainId grainId, IGrainState<T> grainState, IReadOnlyList<JournalAppend> appends, StreamFence? fence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        ArgumentNullException.ThrowIfNull(appends);
        var payload = PayloadOf(_serializer.Serialize(grainState.State));
        if (_dialect.Options.CompressStatePayloads && !StoredUncompressed<T>.Value)
        {
            payload = Compression.PayloadCodec.Encode(payload) ?? payload;
        }

        var version = await WriteAsync(Write(stateName, grainId, grainState.ETag, payload, appends) with { Fence = fence }, cancellationToken);
        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    /// <summary>
    /// Appends <paramref name="appends"/> without writing the state row, if the stored version still equals the
    /// state's ETag and the <paramref name="fence"/> holds (else <see cref="InconsistentStateException"/>, and nothing is
    /// written); the ETag stays. The version is read inside the write transaction with the dialect's
    /// <see cref="IStorageDialect.RowLock"/>, so no other writer can write the row or append for it before this commit
    /// ends; the fence, checked after that lock, refuses the append when another activation appended to the stream.
    /// </summary>
    /// <remarks>
    /// Not an async method: it returns the write's own task, so a settlement waiting for its commit holds one state
    /// machine fewer (what the GC copies grows with the settlements in flight).
    /// </remarks>
    public Task AppendAsync<T>(
        string stateName, GrainId grainId, IGrainState<T> grainState, IReadOnlyList<JournalAppend> appends, StreamFence? fence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        ArgumentNullException.ThrowIfNull(appends);
        if (grainState.ETag is null)
        {
            return Task.FromException(new InvalidOperationException($"{grainId} ({stateName}) has no stored state to append after; write the state first."));
        }

        try
        {
            return WriteAsync(Write(stateName, grainId, grainState.ETag, null, appends) with { AppendOnly = true, Fence = fence }, cancellationToken);
        }
        catch (Exception exception)
        {
            return Task.FromException(exception); // as an async method would: every failure in the task, none thrown at the call
        }
    }

    /// <summary>
    /// The serialized state's bytes: the serializer's own array when the data is exactly that array (System.Text.Json's
    /// <c>SerializeToUtf8Bytes</c> wrapped), a copy otherwise. The copy was 6.5 % of the silo's allocated bytes.
    /// </summary>
    private static byte[] PayloadOf(BinaryData serialized) =>
        MemoryMarshal.TryGetArray(serialized.ToMemory(), out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : serialized.ToArray();

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var version = await WriteAsync(Write(stateName, grainId, grainState.ETag, null, []), cancellationToken);
        grainState.ETag = version == 0 ? null : version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
    }

    internal async Task<StoredState> ReadRowAsync(GrainId grainId, string stateName, CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenConnectionAsync(cancellationToken);
        await using var command = StorageSql.Command(connection, null, StorageSql.ReadState);
        command.Add("@type", grainId.Type.ToString(), DbType.String);
        command.Add("@key", grainId.Key.ToString(), DbType.String);
        command.Add("@name", stateName, DbType.String);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return default;
        }

        return new StoredState(reader.GetInt64(0), await reader.IsDBNullAsync(1, cancellationToken) ? null : (byte[])reader.GetValue(1));
    }

    internal Task<long> WriteAsync(StateWrite write, CancellationToken cancellationToken)
    {
        if (!_started)
        {
            throw new OrleansException($"Storage '{Name}' ({_dialect.Name}) is not running; the write of {write.Describe()} was not applied.");
        }

        if (write.ExpectedVersion == 0 && write.Payload is null && write.Appends.Count == 0)
        {
            return Task.FromResult(0L); // clearing a record that does not exist
        }

        if (write.AppendOnly && write.Appends.Count == 0)
        {
            return Task.FromResult(write.ExpectedVersion);
        }

        if (_writer is not null && _dialect.CompressesJournalPayloads)
        {
            // On the caller's thread, so the one writer spends none of its time on it.
            foreach (var append in write.Appends)
            {
                append.Compress();
            }
        }

        var pending = new PendingWrite(write);
        return _writer is null ? WriteDirectAsync(pending, cancellationToken) : WriteQueuedAsync(_writer, pending, cancellationToken);
    }

    private StateWrite Write(string stateName, GrainId grainId, string? etag, byte[]? payload, IReadOnlyList<JournalAppend> appends)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        long expected = 0;
        if (etag is not null && !long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out expected))
        {
            throw new InconsistentStateException($"ETag '{etag}' of {grainId} ({stateName}) was not issued by storage '{Name}'.", null, etag);
        }

        return new StateWrite(grainId.Type.ToString()!, grainId.Key.ToString()!, stateName, expected, payload, appends);
    }

    /// <summary>
    /// Queues the write and waits for its transaction, inside a <c>group-commit wait</c> span that is a child of the caller's
    /// span (the grain call), so a swipe's trace reaches the commit it waited for; the two spans link to each other.
    /// </summary>
    private Task<long> WriteQueuedAsync(GroupCommitWriter writer, PendingWrite pending, CancellationToken cancellationToken)
    {
        var wait = StartWait(pending);
        if (wait is null)
        {
            // Not traced: the caller waits on the write's own task (no state machine of ours held while it waits).
            var enqueued = writer.EnqueueAsync(pending, cancellationToken);
            return enqueued.IsCompletedSuccessfully ? pending.Task : WaitAfterEnqueueAsync(enqueued, pending);
        }

        return WriteTracedAsync(writer, pending, wait, cancellationToken);
    }

    private static async Task<long> WaitAfterEnqueueAsync(ValueTask enqueued, PendingWrite pending)
    {
        await enqueued;
        return await pending.Task;
    }

    private static async Task<long> WriteTracedAsync(GroupCommitWriter writer, PendingWrite pending, Activity wait, CancellationToken cancellationToken)
    {
        using var span = wait;
        await writer.EnqueueAsync(pending, cancellationToken);
        try
        {
            return await pending.Task;
        }
        finally
        {
            EndWait(wait, pending);
        }
    }

    private Activity? StartWait(PendingWrite pending)
    {
        var wait = StorageTelemetry.Source.StartActivity(StorageTelemetry.WaitSpanName, ActivityKind.Internal);
        if (wait is not null)
        {
            wait.SetTag("medisettle.storage", Name);
            wait.SetTag("medisettle.grain_type", pending.Write.GrainType);
            wait.SetTag("medisettle.state_name", pending.Write.StateName);
            wait.SetTag("medisettle.journal_appends", pending.Write.Appends.Count);
            pending.WaitContext = wait.Context;
        }

        return wait;
    }

    private static void EndWait(Activity? wait, PendingWrite pending)
    {
        if (wait is null)
        {
            return;
        }

        if (pending.TransactionContext != default)
        {
            wait.AddLink(new ActivityLink(pending.TransactionContext));
        }

        if (pending.Task.IsFaulted)
        {
            wait.SetStatus(ActivityStatusCode.Error, pending.Task.Exception?.InnerException?.GetType().Name);
        }
    }

    private async Task<long> WriteDirectAsync(PendingWrite pending, CancellationToken cancellationToken)
    {
        pending.WaitContext = Activity.Current?.Context ?? default;
        await using var connection = await _dialect.OpenConnectionAsync(cancellationToken);
        await using var statements = new WriterStatementsCache(); // this connection's, for this one write
        if (await CommitBatchAsync(connection, [pending], statements, CancellationToken.None))
        {
            await MaintainStreamIndexAsync(connection);
        }

        return await pending.Task;
    }

    /// <summary>
    /// Flushes a chunk of the journal's stream index when one is due (<see cref="SqliteStreamIndex"/>), after a commit and on
    /// its connection. A failure is logged and leaves the entries in memory, where reads and fences find them; the next
    /// commit tries again.
    /// </summary>
    internal async Task MaintainStreamIndexAsync(DbConnection connection)
    {
        if (_dialect.StreamIndex is not { FlushDue: true } index)
        {
            return;
        }

        try
        {
            await index.FlushStepAsync(connection, CancellationToken.None);
        }
        catch (DbException exception)
        {
            LogStreamIndexFlushFailed(_log, exception, index.Tail.Count);
        }
    }

    /// <summary>At a clean stop: the whole tail into the stream index, so the next start reads nothing back.</summary>
    private async Task FlushStreamIndexAsync()
    {
        if (_dialect.StreamIndex is not { } index || index.Tail.Count == 0)
        {
            return;
        }

        try
        {
            await using var connection = await _dialect.OpenConnectionAsync(CancellationToken.None);
            await index.FlushAllAsync(connection, CancellationToken.None);
        }
        catch (DbException exception)
        {
            LogStreamIndexFlushFailed(_log, exception, index.Tail.Count);
        }
    }

    internal ValueTask<DbConnection> OpenWriterConnectionAsync(CancellationToken cancellationToken) =>
        _dialect.OpenConnectionAsync(cancellationToken);

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Grain storage {Name} ({Provider}) started: group commit {Enabled}, window {WindowMilliseconds} ms, batch max {BatchMax}")]
    private static partial void LogStarted(ILogger logger, string name, string provider, bool enabled, double windowMilliseconds, int batchMax);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Grain storage {Name} stopped after committing every queued write ({Writes} writes in all)")]
    private static partial void LogStopped(ILogger logger, string name, long writes);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "The journal's stream index could not take in its entries; {Entries} stay in memory and the next commit tries again")]
    private static partial void LogStreamIndexFlushFailed(ILogger logger, Exception exception, int entries);

    [LoggerMessage(EventId = 101, Level = LogLevel.Error, Message = "Grain storage {Provider}: a transaction of {Count} writes failed; all of them were rejected")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, string provider, int count);

    /// <summary>Whether state class <typeparamref name="T"/> is stored as JSON whatever the options say (<see cref="Compression.UncompressedStateAttribute"/>).</summary>
    private static class StoredUncompressed<T>
    {
        public static readonly bool Value = typeof(T).IsDefined(typeof(Compression.UncompressedStateAttribute), inherit: false);
    }
}
