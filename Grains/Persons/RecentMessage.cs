using Medisettle.Interfaces.Settlement;

namespace Medisettle.Grains.Persons;

/// <summary>
/// A remembered answer: a settlement or cancel (by id) or a rejection. A settlement whose record is its message's receipt
/// (its id made from the msgid: <c>LedgerNames.SettlementIdOf</c>) is remembered by its key and status alone; its answer
/// is read from that record, which holds the rest.
/// </summary>
public sealed record RecentMessage
{
    public required string Key { get; init; }

    public required SettlementStatus Status { get; init; }

    public string? SettlementId { get; init; }

    public Rejection? Rejection { get; init; }

    /// <summary>When the answer was given; null on a settlement remembered by its key and status alone.</summary>
    public DateTimeOffset? AnsweredAt { get; init; }

    /// <summary>
    /// Digest of the request answered, as <c>RequestDigests.Stored</c> keeps it (all 64 characters in answers remembered
    /// before; null in those remembered before digests were kept).
    /// </summary>
    public string? RequestDigest { get; init; }
}
