using System.Data.Common;
using System.Diagnostics;
using System.Threading.Channels;
using Medisettle.Storage.Hosting;
using Microsoft.Extensions.Logging;

namespace Medisettle.Storage.GroupCommit;

/// <summary>
/// The one writer loop of a storage: takes the first queued write, gathers more for up to
/// <see cref="GroupCommitStorageOptions.GroupCommitWindow"/> or <see cref="GroupCommitStorageOptions.GroupCommitBatchMax"/>
/// writes, commits them in one transaction, and only then completes their tasks. Batches commit strictly
/// one after another, so journal sequences become visible in order within this silo.
/// The window is real time (a latency bound), not the injected clock.
/// </summary>
internal sealed partial class GroupCommitWriter
{
    private readonly GroupCommitGrainStorage _storage;
    private readonly GroupCommitStorageOptions _options;
    private readonly ILogger _log;
    private readonly Channel<PendingWrite> _queue;
    private readonly long _windowTicks;
    private Task _loop = Task.CompletedTask;

    public GroupCommitWriter(GroupCommitGrainStorage storage, GroupCommitStorageOptions options, ILogger log)
    {
        _storage = storage;
        _options = options;
        _log = log;
        _queue = Channel.CreateBounded<PendingWrite>(new BoundedChannelOptions(options.WriteQueueCapacityMax)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false,
            SingleWriter = false,
        });
        _windowTicks = (long)(options.GroupCommitWindow.TotalSeconds * Stopwatch.Frequency);
    }

    /// <summary>
    /// Starts the loop on its own thread. The loop blocks that thread while a transaction runs (SQLite executes
    /// synchronously); on a thread-pool thread that blocking makes the pool inject threads, which then share the
    /// cores with the writer and slow every commit. A dedicated thread keeps the pool at its size.
    /// </summary>
    public void Start()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                RunAsync().GetAwaiter().GetResult();
                done.SetResult();
            }
            catch (Exception exception)
            {
                done.SetException(exception);
            }
        })
        {
            IsBackground = true,
            Name = "group-commit-writer",
        };
        thread.Start();
        _loop = done.Task;
    }

    public async ValueTask EnqueueAsync(PendingWrite pending, CancellationToken cancellationToken)
    {
        if (!_queue.Writer.TryWrite(pending))
        {
            try
            {
                await _queue.Writer.WriteAsync(pending, cancellationToken);
            }
            catch (ChannelClosedException)
            {
                throw new OrleansException($"The storage is stopping; the write of {pending.Write.Describe()} was not applied.");
            }
        }
    }

    /// <summary>Completes the queue and waits until every queued write was committed or failed.</summary>
    public Task StopAsync()
    {
        _queue.Writer.TryComplete();
        return _loop;
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingWrite>(_options.GroupCommitBatchMax);
        DbConnection? connection = null;
        var statements = new WriterStatementsCache(); // prepared on the connection, kept across its batches
        try
        {
            // Each wait blocks this (dedicated) thread rather than resuming on the thread pool.
            while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                batch.Clear();
                GatherAsync(batch).GetAwaiter().GetResult();
                if (batch.Count == 0)
                {
                    continue;
                }

                connection = CommitAsync(connection, statements, batch).GetAwaiter().GetResult();
            }
        }
        finally
        {
            await statements.DisposeAsync();
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private async Task GatherAsync(List<PendingWrite> batch)
    {
        var reader = _queue.Reader;
        while (batch.Count < _options.GroupCommitBatchMax && reader.TryRead(out var pending))
        {
            batch.Add(pending);
        }

        if (_windowTicks <= 0 || batch.Count >= _options.GroupCommitBatchMax)
        {
            return;
        }

        var deadline = Stopwatch.GetTimestamp() + _windowTicks;
        while (batch.Count < _options.GroupCommitBatchMax)
        {
            if (reader.TryRead(out var pending))
            {
                batch.Add(pending);
                continue;
            }

            var remaining = deadline - Stopwatch.GetTimestamp();
            if (remaining <= 0)
            {
                return;
            }

            var more = reader.WaitToReadAsync().AsTask();
            var delay = Task.Delay(WaitFor(remaining));
            if (await Task.WhenAny(more, delay) != more || !await more)
            {
                return;
            }
        }
    }

    /// <summary>
    /// How long to wait for more writes when <paramref name="remainingTicks"/> (<see cref="Stopwatch"/> ticks, more than 0)
    /// of the window are left: rounded up to whole milliseconds. <see cref="Task.Delay(TimeSpan)"/> counts whole
    /// milliseconds and completes at once below one, so without the rounding a window of 1 ms never waited at all: every
    /// batch held only what had queued while the previous one committed.
    /// </summary>
    internal static TimeSpan WaitFor(long remainingTicks) =>
        TimeSpan.FromMilliseconds(Math.Ceiling(remainingTicks * 1000.0 / Stopwatch.Frequency));

    private async Task<DbConnection?> CommitAsync(DbConnection? connection, WriterStatementsCache statements, List<PendingWrite> batch)
    {
        try
        {
            connection ??= await _storage.OpenWriterConnectionAsync(CancellationToken.None);
        }
        catch (Exception exception)
        {
            LogConnectionFailed(_log, exception);
            foreach (var pending in batch)
            {
                pending.TrySetException(exception);
            }

            return null;
        }

        if (await _storage.CommitBatchAsync(connection, batch, statements, CancellationToken.None))
        {
            await _storage.MaintainStreamIndexAsync(connection); // between commits, on the writer's connection
            return connection;
        }

        await statements.DisposeAsync();
        await connection.DisposeAsync(); // reopen for the next batch: the failure may have broken it
        return null;
    }

    [LoggerMessage(EventId = 110, Level = LogLevel.Error, Message = "Group commit writer could not open a connection; the batch was rejected")]
    private static partial void LogConnectionFailed(ILogger logger, Exception exception);
}
