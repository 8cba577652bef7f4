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

    /// <summary>msgid for the 2206 pre-settlement of an outpatient visit.</summary>
    public required string SecondMessageId { get; init; }

    /// <summary>
    /// The 18 digits after the institution code in the msgid of a 2208 cancel (<see cref="CancelMessageId"/>): the
    /// institution that cancels is the one that settled the prior swipe, known only when the cancel is sent.
    /// </summary>
    public required string CancelMessageTail { get; init; }

    /// <summary>The platform-form msgid of this plan's cancel sent by <paramref name="institutionCode"/>.</summary>
    public string CancelMessageId(string institutionCode) => institutionCode + CancelMessageTail;
}
