using System.Collections.Concurrent;
using Medisettle.Runtime.Journal;

namespace Medisettle.Runtime.Tests;

/// <summary>Observations shared by the test grains (a DI singleton).</summary>
public sealed class GrainProbe
{
    private int _inFlight;
    private int _maxInFlight;

    public ConcurrentDictionary<string, int> Constructed { get; } = new();

    public ConcurrentDictionary<string, int> Deactivations { get; } = new();

    public ConcurrentQueue<DeactivationReasonCode> DeactivationReasons { get; } = new();

    public TaskCompletionSource Gate { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource FirstDeactivation { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public int Enter()
    {
        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
        {
        }

        return now;
    }

    public void Exit() => Interlocked.Decrement(ref _inFlight);
}

public sealed class CounterState
{
    public int Value { get; set; }

    public List<string> History { get; set; } = [];
}

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> IncrementAsync();

    Task<int> GetAsync();

    Task<string?> GetEtagAsync();

    /// <summary>Writes the state with journal appends in the same transaction.</summary>
    Task<int> IncrementWithJournalAsync(IReadOnlyList<JournalAppend> appends);

    Task ClearAsync();

    Task DeactivateAsync();

    ValueTask<string> GetKeyAsync();
}

public sealed class CounterGrain : Grain, ICounterGrain
{
    private readonly IPersistentState<CounterState> state;
    private readonly GrainProbe probe;
    private readonly string _keyInConstructor;

    public CounterGrain([PersistentState("counter")] IPersistentState<CounterState> state, GrainProbe probe)
    {
        this.state = state;
        this.probe = probe;
        _keyInConstructor = GetPrimaryKeyString();
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        probe.Constructed.AddOrUpdate(GetPrimaryKeyString(), 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Deactivations.AddOrUpdate(GetPrimaryKeyString(), 1, (_, n) => n + 1);
        probe.DeactivationReasons.Enqueue(reason.ReasonCode);
        probe.FirstDeactivation.TrySetResult();
        return Task.CompletedTask;
    }

    public async Task<int> IncrementAsync()
    {
        state.State.Value++;
        await state.WriteStateAsync();
        return state.State.Value;
    }

    public Task<int> GetAsync() => Task.FromResult(state.State.Value);

    public Task<string?> GetEtagAsync() => Task.FromResult(state.Etag);

    public async Task<int> IncrementWithJournalAsync(IReadOnlyList<JournalAppend> appends)
    {
        state.State.Value++;
        try
        {
            await state.WriteStateAsync(appends);
        }
        catch
        {
            await state.ReadStateAsync(); // reload what is committed
            throw;
        }

        return state.State.Value;
    }

    public Task ClearAsync() => state.ClearStateAsync();

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public ValueTask<string> GetKeyAsync() => ValueTask.FromResult(_keyInConstructor);
}

public interface IOverlapGrain : IGrainWithStringKey
{
    Task<int> EnterAsync(int yields);

    Task BlockAsync();
}

public sealed class OverlapGrain(GrainProbe probe) : Grain, IOverlapGrain
{
    private int _inside;

    public async Task<int> EnterAsync(int yields)
    {
        probe.Enter();
        try
        {
            if (Interlocked.Increment(ref _inside) != 1)
            {
                throw new InvalidOperationException("Two calls overlapped inside one activation.");
            }

            for (var i = 0; i < yields; i++)
            {
                await Task.Yield();
            }

            Interlocked.Decrement(ref _inside);
            return yields;
        }
        finally
        {
            probe.Exit();
        }
    }

    public async Task BlockAsync()
    {
        probe.Entered.TrySetResult();
        await probe.Gate.Task;
    }
}

public interface IFaultyGrain : IGrainWithStringKey
{
    Task FailAsync(string message);

    ValueTask<int> EchoAsync(int value);

    ValueTask FailValueTaskAsync();

    Task<int> CallCounterAsync(string key);
}

public sealed class FaultyGrain : Grain, IFaultyGrain
{
    public Task FailAsync(string message) => throw new InvalidOperationException(message);

    public ValueTask<int> EchoAsync(int value) => ValueTask.FromResult(value);

    public async ValueTask FailValueTaskAsync()
    {
        await Task.Yield();
        throw new ArgumentException("bad argument");
    }

    public async Task<int> CallCounterAsync(string key) =>
        await GrainFactory.GetGrain<ICounterGrain>(key).IncrementAsync();
}
