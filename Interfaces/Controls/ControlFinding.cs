namespace Medisettle.Interfaces.Controls;

/// <summary>One control rule's hit on a swipe, as the settlement engine found it (no I/O, no id yet).</summary>
[GenerateSerializer]
[Immutable]
public sealed record ControlFinding
{
    [Id(0)] public required ControlRule Rule { get; init; }

    [Id(1)] public required ControlAction Action { get; init; }

    /// <summary>The pack whose <c>controls</c> section holds the rule.</summary>
    [Id(2)] public required string PackId { get; init; }

    /// <summary>What was found, with the rule's threshold and the values that crossed it (shown in warn_msg/err_msg).</summary>
    [Id(3)] public required string Evidence { get; init; }

    /// <summary>Earlier settlements the finding points at (the first purchase of a duplicate, the swipes counted by velocity).</summary>
    [Id(4)] public IReadOnlyList<string> RelatedSettlementIds { get; init; } = [];
}
