using Medisettle.Runtime;

namespace Medisettle.LoadTest.Bench;

public interface IBenchGrain : IGrainWithStringKey
{
    Task<int> PingAsync(int value);

    /// <summary>Increments the state and writes it durably.</summary>
    Task<long> WriteAsync();
}
