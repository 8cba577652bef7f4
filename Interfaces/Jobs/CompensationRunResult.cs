namespace Medisettle.Interfaces.Jobs;

/// <summary>The answer to running a year's 二次补偿: the run (null when refused), whether it was done before, or why it is refused.</summary>
[GenerateSerializer]
[Immutable]
public sealed record CompensationRunResult
{
    [Id(0)] public CompensationRun? Run { get; init; }

    [Id(1)] public bool AlreadyDone { get; init; }

    /// <summary>Why nothing ran: the year's risk reserve is not done for a fund whose pack has one (it comes first).</summary>
    [Id(2)] public string? Refusal { get; init; }
}
