namespace Medisettle.Interfaces.Jobs;

/// <summary>The answer to running a monthly payout: the run, and whether it had already been done (then nothing changed).</summary>
[GenerateSerializer]
[Immutable]
public sealed record MonthlyPayoutRunResult
{
    [Id(0)] public required MonthlyPayoutRun Run { get; init; }

    [Id(1)] public required bool AlreadyDone { get; init; }
}
