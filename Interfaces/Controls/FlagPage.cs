namespace Medisettle.Interfaces.Controls;

/// <summary>One page of the review queue.</summary>
[GenerateSerializer]
[Immutable]
public sealed record FlagPage
{
    [Id(0)] public required IReadOnlyList<FlagView> Flags { get; init; }

    /// <summary>Pass as <c>after</c> for the next page; null when there is no more.</summary>
    [Id(1)] public long? NextAfter { get; init; }
}
