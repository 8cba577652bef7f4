namespace Medisettle.Interfaces.Jobs;

/// <summary>The answer to running a daily close: the run, and whether it had already been done (then nothing changed).</summary>
[GenerateSerializer]
[Immutable]
public sealed record DailyCloseRunResult
{
    [Id(0)] public required DailyCloseRun Run { get; init; }

    [Id(1)] public required bool AlreadyDone { get; init; }
}
