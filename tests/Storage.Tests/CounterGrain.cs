using Medisettle.Storage.Journal;

namespace Medisettle.Storage.Tests;

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> IncrementAsync();

    /// <summary>Increments and appends one journal entry per id to <paramref name="stream"/>, in one transaction.</summary>
    Task<int> IncrementWithJournalAsync(string stream, string[] entryIds);

    Task<int> GetAsync();

    Task<string?> GetEtagAsync();

    Task ClearAsync();

    Task<string> GetSiloAsync();
}

[GenerateSerializer]
public sealed class JournaledCounterState
{
    [Id(0)]
    public int Value { get; set; }
}

/// <summary>Placed at random (not by Orleans' load-based default), so the cluster tests spread over both silos.</summary>
[Orleans.Placement.RandomPlacement]
public sealed class CounterGrain([JournaledState("counter")] IJournaledState<JournaledCounterState> state) : Grain, ICounterGrain
{
    public async Task<int> IncrementAsync()
    {
        state.State.Value++;
        await state.WriteOrReloadAsync();
        return state.State.Value;
    }

    public async Task<int> IncrementWithJournalAsync(string stream, string[] entryIds)
    {
        state.State.Value++;
        await state.WriteOrReloadAsync([.. entryIds.Select(id => new JournalAppend(stream, id, $"{{\"value\":{state.State.Value}}}"))]);
        return state.State.Value;
    }

    public Task<int> GetAsync() => Task.FromResult(state.State.Value);

    public Task<string?> GetEtagAsync() => Task.FromResult(state.Etag);

    public Task ClearAsync() => state.ClearStateAsync();

    public Task<string> GetSiloAsync() => Task.FromResult(this.GetGrainId() + "@" + this.RuntimeIdentity);
}
