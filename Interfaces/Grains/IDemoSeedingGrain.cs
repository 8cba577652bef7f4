using Medisettle.Interfaces.Demo;

namespace Medisettle.Interfaces.Grains;

/// <summary>
/// Decides which silo seeds the demo data, once per cluster (key <see cref="Key"/>): silos that start together ask it
/// for a turn; the first gets <see cref="SeedingTurn.Seed"/>, the others <see cref="SeedingTurn.Wait"/> until it has
/// completed, then <see cref="SeedingTurn.Done"/>. A turn not completed within its lease (the seeding silo died) is
/// given to the next silo that asks.
/// </summary>
public interface IDemoSeedingGrain : IGrainWithStringKey
{
    public const string Key = "cluster";

    /// <summary>Asks to seed <paramref name="persons"/> persons and <paramref name="institutions"/> institutions as <paramref name="silo"/>.</summary>
    Task<SeedingTurn> BeginAsync(string silo, int persons, int institutions, TimeSpan lease);

    /// <summary>Records that <paramref name="silo"/>, which had the turn, has seeded. Refused when the turn is someone else's.</summary>
    Task CompleteAsync(string silo);
}
