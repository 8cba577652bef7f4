namespace Medisettle.Interfaces.Demo;

/// <summary>The answer of <see cref="Grains.IDemoSeedingGrain.BeginAsync"/>.</summary>
[GenerateSerializer]
public enum SeedingTurn
{
    /// <summary>This silo seeds now, then calls <see cref="Grains.IDemoSeedingGrain.CompleteAsync"/>.</summary>
    Seed,

    /// <summary>Another silo is seeding; ask again later.</summary>
    Wait,

    /// <summary>The demo data of at least this size is seeded.</summary>
    Done,
}
