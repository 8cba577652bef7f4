namespace Medisettle.Interfaces.Settlement;

/// <summary>A refused settlement: a reason code and a message naming the pack and rule involved.</summary>
public sealed record Rejection
{
    public required RejectionCode Code { get; init; }

    public required string Message { get; init; }

    /// <summary>The pack whose rule refused (or lacked a rule), when one was involved.</summary>
    public string? PackId { get; init; }
}
