namespace Medisettle.LoadTest.Bench;

/// <summary>A grain without state, for Orleans' bare call rate (the <c>runtime</c> benchmark).</summary>
public interface IBenchGrain : IGrainWithStringKey
{
    /// <summary>Answers <paramref name="value"/> + 1.</summary>
    Task<int> PingAsync(int value);
}
