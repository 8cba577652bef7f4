namespace Medisettle.LoadTest.Bench;

/// <summary>Size of one state-write measurement.</summary>
public sealed record StateWriteOptions
{
    /// <summary>Bench grains (persons), each seeded with one write of the sample before the measurement. Default 10,000.</summary>
    public int Grains { get; init; } = 10_000;

    /// <summary>Closed-loop callers (at most <see cref="Grains"/>). Default 256.</summary>
    public int Callers { get; init; } = 256;

    /// <summary>Measured time. Default 10 s.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Unreported writes first (JIT, connections). Default 2 s.</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(2);
}
