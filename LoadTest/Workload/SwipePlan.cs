using Medisettle.Interfaces.Settlement;

namespace Medisettle.LoadTest.Workload;

/// <summary>
/// One planned arrival. <see cref="Fresh"/> is always a new settlement (pharmacy, outpatient or inpatient);
/// for <see cref="SwipeKind.Cancel"/> and <see cref="SwipeKind.Retry"/> it is the fallback used while nothing
/// has been acknowledged yet.
/// </summary>
public sealed record SwipePlan
{
    public required long Index { get; init; }

    public required SwipeKind Kind { get; init; }

    public required SwipeKind FreshKind { get; init; }

    public required string PersonId { get; init; }

    public required Scheme Scheme { get; init; }

    public required SettleCommand Fresh { get; init; }

    /// <summary>msgid for the 2206 pre-settlement of an outpatient visit, or for a 2208 cancel.</summary>
    public required string SecondMessageId { get; init; }
}
