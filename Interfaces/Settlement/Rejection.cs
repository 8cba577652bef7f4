namespace Medisettle.Interfaces.Settlement;

/// <summary>A refused settlement: a reason code and a message naming the pack and rule involved.</summary>
[GenerateSerializer]
[Immutable]
public sealed record Rejection
{
    [Id(0)] public required RejectionCode Code { get; init; }

    [Id(1)] public required string Message { get; init; }

    /// <summary>The pack whose rule refused (or lacked a rule), when one was involved.</summary>
    [Id(2)] public string? PackId { get; init; }
}
