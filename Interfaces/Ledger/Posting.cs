
using Medisettle.Interfaces.Controls;

namespace Medisettle.Interfaces.Ledger;

/// <summary>
/// One immutable journal posting to a fund pool or an institution's receivable. A settlement writes one
/// per paying fund (plus the personal account) and one receivable for the institution; a cancel writes the
/// negated copies. Fund postings of a settlement sum exactly to its receivable posting (debits = credits).
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record Posting
{
    /// <summary>Unique id (the journal entry id): <c>post:{settlementId}:{account}</c>, reversals end in <c>:rev</c>.</summary>
    [Id(0)] public required string PostingId { get; init; }

    [Id(1)] public required string SettlementId { get; init; }

    /// <summary>The ledger account: a fund pool key (<see cref="FundPoolKey"/>) or <c>inst:{code}</c>.</summary>
    [Id(2)] public required string Account { get; init; }

    [Id(3)] public required PostingKind Kind { get; init; }

    /// <summary>Signed amount: positive for a settlement, negative for a reversal.</summary>
    [Id(4)] public required Money Amount { get; init; }

    [Id(5)] public required string PersonId { get; init; }

    [Id(6)] public required string InstitutionCode { get; init; }

    /// <summary>The settlement date (for a reversal: the original settlement date).</summary>
    [Id(7)] public required DateOnly SettlementDate { get; init; }

    /// <summary>When the posting was committed.</summary>
    [Id(8)] public required DateTimeOffset PostedAt { get; init; }

    /// <summary>On an institution's receivable posting: the settlement's headline amounts (for 3201/3202).</summary>
    [Id(9)] public SettlementTotals? Totals { get; init; }

    /// <summary>On an institution's receivable posting of an inpatient stay: how it counts for the 协议病种 : 包干 ratio.</summary>
    [Id(10)] public InpatientCase? InpatientCase { get; init; }
}
