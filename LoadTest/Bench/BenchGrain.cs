using Medisettle.Runtime;

namespace Medisettle.LoadTest.Bench;

public sealed class BenchGrain([PersistentState("bench")] IPersistentState<BenchState> state) : Grain, IBenchGrain
{
    public Task<int> PingAsync(int value) => Task.FromResult(value + 1);

    public async Task<long> WriteAsync()
    {
        state.State.Count++;
        await state.WriteStateAsync();
        return state.State.Count;
    }
}
