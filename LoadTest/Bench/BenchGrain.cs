namespace Medisettle.LoadTest.Bench;

public sealed class BenchGrain : Grain, IBenchGrain
{
    public Task<int> PingAsync(int value) => Task.FromResult(value + 1);
}
