namespace Medisettle.Interfaces.Jobs;

/// <summary>The answer to recording an insurer agreement or assessment: the outcome and why, when refused.</summary>
[GenerateSerializer]
[Immutable]
public sealed record InsurerRecordResult
{
    [Id(0)] public required InsurerRecordOutcome Outcome { get; init; }

    /// <summary>Why it was refused, for a person to read; null when recorded.</summary>
    [Id(1)] public string? Detail { get; init; }
}
