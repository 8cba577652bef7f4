using Medisettle.LoadTest.Workload;

namespace Medisettle.LoadTest.Targets;

/// <summary>
/// The end of one swipe: the kind actually executed, the status, a short detail (rejection code or error
/// message) and, for a new settlement, what later cancels and retries need.
/// </summary>
public readonly record struct SwipeResult(SwipeKind Kind, SwipeStatus Status, string? Detail, AcknowledgedSettlement? Acknowledged)
{
    /// <summary>Durable settlements and cancels committed by this swipe.</summary>
    public bool IsDurableWrite => Status is SwipeStatus.Settled or SwipeStatus.Cancelled;
}
