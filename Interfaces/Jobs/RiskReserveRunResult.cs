namespace Medisettle.Interfaces.Jobs;

/// <summary>The answer to running a year's risk reserve: the run, and whether it had already been done (then nothing changed).</summary>
[GenerateSerializer]
[Immutable]
public sealed record RiskReserveRunResult
{
    [Id(0)] public required RiskReserveRun Run { get; init; }

    [Id(1)] public required bool AlreadyDone { get; init; }
}
