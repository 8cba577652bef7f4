namespace Medisettle.LoadTest.Bench;

/// <summary>
/// The state-write benchmark's grain: holds a person-sized <c>PersonState</c> (<see cref="PersonStateSample"/>) in a plain
/// Orleans <c>IPersistentState</c> on the silo's default storage, so the same grain runs on every storage, Orleans' AdoNet
/// provider included. Writes the state only: no journal rows (the AdoNet provider has no journal).
/// </summary>
public interface IPersonStateBenchGrain : IGrainWithStringKey
{
    /// <summary>Writes the sample state (this grain's first write: an insert).</summary>
    Task WriteSampleAsync();

    /// <summary>One "settlement": a size-keeping change of the state (<see cref="PersonStateSample.ApplyNextSettlement"/>), written durably.</summary>
    Task<long> SettleAsync();
}
