namespace Medisettle.Interfaces.Controls;

/// <summary>One page of the review queue.</summary>
[GenerateSerializer]
[Immutable]
public sealed record FlagPage
{
    [Id(0)] public required IReadOnlyList<FlagView> Flags { get; init; }

    /// <summary>
    /// When the page is full: the last flag's journal sequence, to pass as <c>after</c> for the next page (which may be
    /// empty). Null when the listing reached the end of the queue.
    /// </summary>
    [Id(1)] public long? NextAfter { get; init; }
}
