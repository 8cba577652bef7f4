using System.Data;
using Medisettle.Runtime.Journal;
using Microsoft.Extensions.Logging;

namespace Medisettle.Runtime.Storage;

/// <summary>
/// Grain state and journal over ADO.NET (SQLite or PostgreSQL through <see cref="IStorageDialect"/>).
/// With group commit one <see cref="GroupCommitWriter"/> loop owns a connection and commits batches in
/// order; without it each write runs its own transaction on a pooled connection.
/// </summary>
internal sealed partial class AdoGrainStorage : IGrainStorage, IJournal, IAsyncDisposable
{
    private const int JournalReadCountMax = 10_000;

    private readonly IStorageDialect _dialect;
    private readonly IWriteFence _fence;
    private readonly TimeProvider _time;
    private readonly ILogger<AdoGrainStorage> _log;
    private GroupCommitWriter? _writer;
    private volatile bool _started;

    public AdoGrainStorage(IStorageDialect dialect, IWriteFence fence, TimeProvider time, ILogger<AdoGrainStorage> log)
    {
        _dialect = dialect;
        _fence = fence;
        _time = time;
        _log = log;
    }

    public GrainStorageStatistics Statistics { get; } = new();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _dialect.EnsureSchemaAsync(cancellationToken);
        var options = _dialect.GroupCommit;
        if (options.GroupCommitEnabled)
        {
            _writer = new GroupCommitWriter(this, options, _log);
            _writer.Start();
        }

        _started = true;
        LogStarted(_log, _dialect.Name, options.GroupCommitEnabled, options.GroupCommitWindow.TotalMilliseconds, options.GroupCommitBatchMax);
    }

    /// <summary>Stops accepting writes and waits until every queued write is committed (or failed).</summary>
    public async Task StopAsync()
    {
        _started = false;
        if (_writer is not null)
        {
            await _writer.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_dialect is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }

    public async Task<GrainStateRecord> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken = default)
    {
        await using var connection = await _dialect.OpenConnectionAsync(cancellationToken);
        await using var command = StorageSql.Command(connection, null, StorageSql.ReadState);
        command.Add("type", grainId.Type, DbType.String);
        command.Add("key", grainId.Key, DbType.String);
        command.Add("name", stateName, DbType.String);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return default;
        }

        return new GrainStateRecord(reader.GetInt64(0), await reader.IsDBNullAsync(1, cancellationToken) ? null : reader.GetString(1));
    }

    public Task<long> WriteAsync(GrainStateWrite write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (!_started)
        {
            throw new SiloUnavailableException($"The {_dialect.Name} storage is not running; the write of {write.GrainId} was not applied.");
        }

        if (write.ExpectedVersion == 0 && write.Payload is null && write.Appends.Count == 0)
        {
            return Task.FromResult(0L); // clearing a record that does not exist
        }

        var pending = new PendingWrite(write);
        return _writer is null ? WriteDirectAsync(pending, cancellationToken) : WriteQueuedAsync(_writer, pending, cancellationToken);
    }

    private static async Task<long> WriteQueuedAsync(GroupCommitWriter writer, PendingWrite pending, CancellationToken cancellationToken)
    {
        await writer.EnqueueAsync(pending, cancellationToken);
        return await pending.Task;
    }

    private async Task<long> WriteDirectAsync(PendingWrite pending, CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenConnectionAsync(cancellationToken);
        await CommitBatchAsync(connection, [pending], CancellationToken.None);
        return await pending.Task;
    }

    internal ValueTask<System.Data.Common.DbConnection> OpenWriterConnectionAsync(CancellationToken cancellationToken) =>
        _dialect.OpenConnectionAsync(cancellationToken);

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Storage {Provider} started: group commit {Enabled}, window {WindowMilliseconds} ms, batch max {BatchMax}")]
    private static partial void LogStarted(ILogger logger, string provider, bool enabled, double windowMilliseconds, int batchMax);

    [LoggerMessage(EventId = 101, Level = LogLevel.Error, Message = "Storage {Provider}: a transaction of {Count} writes failed; all of them were rejected")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, string provider, int count);
}
