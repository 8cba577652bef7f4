using Medisettle.Grains.Signing;
using Xunit;

namespace Medisettle.Grains.Tests.Signing;

/// <summary>
/// <see cref="WriteCoalescer"/> run the way a grain runs it: every turn on one exclusive scheduler. The writes are
/// completed by hand, so each test decides when a write commits or fails.
/// </summary>
public sealed class WriteCoalescerTests : IDisposable
{
    private readonly TaskScheduler _activation = new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler;
    private readonly List<(int Changes, TaskCompletionSource Done)> _writes = [];
    private readonly SemaphoreSlim _writeStarted = new(0);
    private int _changes;
    private int _inFlight;
    private int _inFlightMax;

    [Fact]
    public async Task Callers_during_a_write_share_the_next_one_which_carries_all_their_changes()
    {
        var coalescer = NewCoalescer();
        var (first, second, third) = await TurnAsync(() =>
        {
            _changes = 1;
            var a = coalescer.WriteAsync();
            _changes = 2;
            var b = coalescer.WriteAsync();
            _changes = 3;
            var c = coalescer.WriteAsync();
            return (a, b, c);
        });

        Assert.Same(second, third);
        Assert.Single(_writes);
        _writes[0].Done.SetResult();
        await first;
        await WaitForWritesAsync(2);
        Assert.False(second.IsCompleted);
        _writes[1].Done.SetResult();
        await second;

        Assert.Equal([1, 3], _writes.Select(w => w.Changes));
        Assert.Equal(1, _inFlightMax);
    }

    [Fact]
    public async Task A_call_after_the_write_committed_starts_a_write_of_its_own()
    {
        var coalescer = NewCoalescer();
        var first = await TurnAsync(() => coalescer.WriteAsync());
        _writes[0].Done.SetResult();
        await first;

        var second = await TurnAsync(() => coalescer.WriteAsync());
        _writes[1].Done.SetResult();
        await second;

        Assert.Equal(2, _writes.Count);
    }

    [Fact]
    public async Task A_write_that_commits_while_the_queued_one_is_being_set_up_never_lets_two_writes_run_at_once()
    {
        var coalescer = NewCoalescer();
        var (queued, joined) = await TurnAsync(() =>
        {
            _ = coalescer.WriteAsync();
            var next = coalescer.WriteAsync();
            _writes[0].Done.SetResult(); // commits inside the turn, before the queued write has run at all
            return (next, coalescer.WriteAsync());
        });

        Assert.Same(queued, joined);
        await WaitForWritesAsync(2);
        _writes[1].Done.SetResult();
        await queued;

        Assert.Equal(2, _writes.Count);
        Assert.Equal(1, _inFlightMax);
    }

    [Fact]
    public async Task When_a_write_fails_the_queued_callers_fail_with_it_and_nothing_more_is_written_for_them()
    {
        var coalescer = NewCoalescer();
        var (first, queued) = await TurnAsync(() => (coalescer.WriteAsync(), coalescer.WriteAsync()));
        var failure = new InvalidOperationException("commit failed");

        _writes[0].Done.SetException(failure);

        Assert.Same(failure, await Assert.ThrowsAsync<InvalidOperationException>(() => first));
        Assert.Same(failure, await Assert.ThrowsAsync<InvalidOperationException>(() => queued));
        Assert.Single(_writes);
        var later = await TurnAsync(() => coalescer.WriteAsync());
        Assert.Equal(2, _writes.Count);
        _writes[1].Done.SetResult();
        await later;
    }

    [Fact]
    public async Task Pending_starts_no_write_and_completes_once_the_writes_in_flight_and_queued_have_committed()
    {
        var coalescer = NewCoalescer();
        var idle = await TurnAsync(() => coalescer.Pending);
        Assert.True(idle.IsCompletedSuccessfully);

        var (first, queued, pendingDuringFirst) = await TurnAsync(() =>
        {
            var a = coalescer.WriteAsync();
            var b = coalescer.WriteAsync();
            return (a, b, coalescer.Pending);
        });
        Assert.Same(queued, pendingDuringFirst); // the queued write commits after the one in flight
        Assert.Single(_writes);

        _writes[0].Done.SetResult();
        await first;
        await WaitForWritesAsync(2);
        var pendingDuringSecond = await TurnAsync(() => coalescer.Pending);
        Assert.False(pendingDuringSecond.IsCompleted);
        _writes[1].Done.SetResult();
        await pendingDuringSecond;
        var after = await TurnAsync(() => coalescer.Pending);

        Assert.True(after.IsCompletedSuccessfully);
        Assert.Equal(2, _writes.Count);
    }

    [Fact]
    public async Task Pending_fails_with_the_write_it_waits_for()
    {
        var coalescer = NewCoalescer();
        var pending = await TurnAsync(() =>
        {
            _ = coalescer.WriteAsync();
            return coalescer.Pending;
        });
        var failure = new InvalidOperationException("commit failed");

        _writes[0].Done.SetException(failure);

        Assert.Same(failure, await Assert.ThrowsAsync<InvalidOperationException>(() => pending));
        Assert.Single(_writes);
    }

    private WriteCoalescer NewCoalescer() => new(() =>
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _writes.Add((_changes, done));
        _inFlightMax = Math.Max(_inFlightMax, ++_inFlight);
        _writeStarted.Release();
        return CompleteAsync(done.Task);
    });

    private async Task CompleteAsync(Task done)
    {
        try
        {
            await done;
        }
        finally
        {
            _inFlight--;
        }
    }

    private Task<T> TurnAsync<T>(Func<T> turn) => Task.Factory.StartNew(turn, CancellationToken.None, TaskCreationOptions.None, _activation);

    /// <summary>Waits (on the writes' own signal, no polling) until <paramref name="count"/> writes have started.</summary>
    private async Task WaitForWritesAsync(int count)
    {
        while (await TurnAsync(() => _writes.Count) < count)
        {
            Assert.True(await _writeStarted.WaitAsync(TimeSpan.FromSeconds(10)), $"only {_writes.Count} of {count} writes started");
        }
    }

    public void Dispose() => _writeStarted.Dispose();
}
