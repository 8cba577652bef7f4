using Medisettle.Interfaces;
using Medisettle.Interfaces.Demo;
using Medisettle.Interfaces.Grains;
using Medisettle.Storage.Journal;
using Microsoft.Extensions.DependencyInjection;

namespace Medisettle.Grains.Demo;

/// <summary>One turn at a time to seed the demo data, for the whole cluster (see <see cref="IDemoSeedingGrain"/>).</summary>
public sealed class DemoSeedingGrain(
    [PersistentState("seeding")] IPersistentState<DemoSeedingState> state,
    [FromKeyedServices(SettlementClock.ServiceKey)] TimeProvider time) : Grain, IDemoSeedingGrain
{
    private DemoSeedingState S => state.State;

    public async Task<SeedingTurn> BeginAsync(string silo, int persons, int institutions, TimeSpan lease)
    {
        ArgumentException.ThrowIfNullOrEmpty(silo);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(persons);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(institutions);
        ArgumentOutOfRangeException.ThrowIfLessThan(lease, TimeSpan.Zero);
        if (persons <= S.SeededPersons && institutions <= S.SeededInstitutions)
        {
            return SeedingTurn.Done;
        }

        var now = time.GetUtcNow();
        if (S.Owner is { } owner && owner != silo && now < S.LeasedUntil)
        {
            return SeedingTurn.Wait;
        }

        S.Owner = silo;
        S.LeasedUntil = now + lease;
        S.Persons = persons;
        S.Institutions = institutions;
        await state.WriteOrReloadAsync();
        return SeedingTurn.Seed;
    }

    public async Task CompleteAsync(string silo)
    {
        ArgumentException.ThrowIfNullOrEmpty(silo);
        if (S.Owner != silo)
        {
            throw new InvalidOperationException($"Silo {silo} completed demo seeding, but the turn is {S.Owner ?? "nobody"}'s.");
        }

        S.SeededPersons = Math.Max(S.SeededPersons, S.Persons);
        S.SeededInstitutions = Math.Max(S.SeededInstitutions, S.Institutions);
        S.Owner = null;
        await state.WriteOrReloadAsync();
    }
}
