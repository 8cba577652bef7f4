using Medisettle.Interfaces.Settlement;

namespace Medisettle.Interfaces.Ledger;

/// <summary>
/// The immutable record of a committed settlement (journal entry <c>setl:{SettlementId}</c>): every amount,
/// the rule trace and the message id. Never edited; a cancel adds a <see cref="CancellationRecord"/>.
/// </summary>
public sealed record SettlementRecord
{
    public required string SettlementId { get; init; }

    public required string MessageId { get; init; }

    public required string PersonId { get; init; }

    public required string InstitutionCode { get; init; }

    /// <summary>The person's insured region and scheme: they select the fund pools posted to.</summary>
    public required string InsuredRegion { get; init; }

    public required Scheme Scheme { get; init; }

    public required SettlementBreakdown Breakdown { get; init; }

    public required DateTimeOffset SettledAt { get; init; }

    /// <summary>Ids of the postings written with it.</summary>
    public required IReadOnlyList<string> PostingIds { get; init; }
}
