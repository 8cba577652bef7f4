namespace Medisettle.Interfaces.Jobs;

/// <summary>The answer to running a month or year of the insurer cooperation: the run (null when refused), whether it was done before, or why it is refused.</summary>
[GenerateSerializer]
[Immutable]
public sealed record InsurerCooperationRunResult
{
    [Id(0)] public InsurerCooperationRun? Run { get; init; }

    [Id(1)] public bool AlreadyDone { get; init; }

    /// <summary>Why nothing ran: no agreement for the year, or an earlier month (or December, for the year) not run yet.</summary>
    [Id(2)] public string? Refusal { get; init; }
}
