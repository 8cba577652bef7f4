namespace Medisettle.Interfaces.Controls;

/// <summary>The answer to a confirm or dismiss.</summary>
[GenerateSerializer]
[Immutable]
public sealed record FlagReviewResult
{
    [Id(0)] public required FlagReviewOutcome Outcome { get; init; }

    [Id(1)] public FlagView? Flag { get; init; }

    [Id(2)] public string? Error { get; init; }
}
