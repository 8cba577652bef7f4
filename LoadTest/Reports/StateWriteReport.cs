namespace Medisettle.LoadTest.Reports;

/// <summary>
/// One storage's durable state writes/s in the state-write benchmark: the bench grain writing a person-sized
/// <c>PersonState</c> through <c>IPersistentState</c>, one write per "settlement", no journal rows.
/// </summary>
public sealed record StateWriteReport
{
    /// <summary>Short label, e.g. "sqlite-group-commit", "postgres-adonet".</summary>
    public required string Name { get; init; }

    public required string Storage { get; init; }

    /// <summary>Bytes of the state each write stores (its System.Text.Json form).</summary>
    public required int StateBytes { get; init; }

    public required int Grains { get; init; }

    public required int Callers { get; init; }

    /// <summary>Time to write the sample state into every grain before the measurement (inserts), s.</summary>
    public required double SeedSeconds { get; init; }

    public required long Writes { get; init; }

    public required long Failed { get; init; }

    public required double ElapsedSeconds { get; init; }

    /// <summary>Durable writes acknowledged per second (each completed after COMMIT).</summary>
    public required double WritesPerSecond { get; init; }

    /// <summary>Mean writes per transaction (group-commit statistics); 1 for the AdoNet provider by construction.</summary>
    public required double WritesPerTransaction { get; init; }

    public string? FirstError { get; init; }
}
