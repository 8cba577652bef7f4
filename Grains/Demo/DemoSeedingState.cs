namespace Medisettle.Grains.Demo;

/// <summary>The durable state of the demo seeding turn: who seeds, since when, and what has been seeded.</summary>
public sealed class DemoSeedingState
{
    /// <summary>The silo that has the turn, or null.</summary>
    public string? Owner { get; set; }

    public DateTimeOffset LeasedUntil { get; set; }

    /// <summary>The size of the turn in progress.</summary>
    public int Persons { get; set; }

    public int Institutions { get; set; }

    /// <summary>The size seeded so far (0 when never): a turn for at most this many is <c>Done</c>.</summary>
    public int SeededPersons { get; set; }

    public int SeededInstitutions { get; set; }
}
