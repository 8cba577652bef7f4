using Medisettle.Grains.Persons;

namespace Medisettle.LoadTest.Bench;

public sealed class PersonStateBenchGrain([PersistentState("person")] IPersistentState<PersonState> state, PersonStateSample sample) : Grain, IPersonStateBenchGrain
{
    /// <summary>Settlement-shaped writes of this activation (numbers the new message keys and settlement ids).</summary>
    private long _settlements;

    public async Task WriteSampleAsync()
    {
        state.State = sample.NewState();
        await state.WriteStateAsync();
    }

    public async Task<long> SettleAsync()
    {
        if (state.State.Profile is null)
        {
            state.State = sample.NewState(); // never seeded: start from the sample
        }

        PersonStateSample.ApplyNextSettlement(state.State, ++_settlements);
        await state.WriteStateAsync();
        return _settlements;
    }
}
