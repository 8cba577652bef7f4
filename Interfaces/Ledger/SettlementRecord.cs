using Medisettle.Interfaces.Settlement;

namespace Medisettle.Interfaces.Ledger;

/// <summary>
/// The immutable record of a committed settlement: every amount, the rule trace and the message id. Its journal entry
/// id is the message's key when the settlement id was made from the msgid (then the record is also the message's
/// receipt and holds <see cref="RequestDigest"/>), else <c>setl:{SettlementId}</c> beside a <see cref="MessageReceipt"/>.
/// Never edited; a cancel adds a <see cref="CancellationRecord"/>.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record SettlementRecord
{
    [Id(0)] public required string SettlementId { get; init; }

    [Id(1)] public required string MessageId { get; init; }

    [Id(2)] public required string PersonId { get; init; }

    [Id(3)] public required string InstitutionCode { get; init; }

    /// <summary>The person's insured region and scheme: they select the fund pools posted to.</summary>
    [Id(4)] public required string InsuredRegion { get; init; }

    [Id(5)] public required Scheme Scheme { get; init; }

    [Id(6)] public required SettlementBreakdown Breakdown { get; init; }

    [Id(7)] public required DateTimeOffset SettledAt { get; init; }

    /// <summary>
    /// Ids of the postings written with it as journal rows: every posting on records written before
    /// <see cref="FundPostingsInRecord"/>, only the institution's receivable posting on records that carry their fund
    /// postings, none on records that carry their receivable too (<see cref="ReceivableInRecord"/>).
    /// </summary>
    [Id(8)] public required IReadOnlyList<string> PostingIds { get; init; }

    /// <summary>
    /// The engine's input (profiles, visit, account flag), for what-if replay. Null on records written before it was
    /// journaled: those settlements cannot be re-run.
    /// </summary>
    [Id(9)] public SettlementInput? Input { get; init; }

    /// <summary>
    /// True when the control rules in force kept this settlement's swipe in the person's control history (velocity),
    /// else null: the person grain rebuilds its history from the record when it replays its journal after a checkpoint.
    /// </summary>
    [Id(10)] public bool? KeptSwipe { get; init; }

    /// <summary>True when the control rules in force kept this settlement's supplies in the person's control history (duplicate purchases), else null.</summary>
    [Id(11)] public bool? KeptSupplies { get; init; }

    /// <summary>
    /// True when the settlement's fund and personal-account postings are not journal rows of their own: readers derive
    /// them from this record (the same postings, ids and amounts the rows had). Null on records written before, whose
    /// postings are all rows.
    /// </summary>
    [Id(12)] public bool? FundPostingsInRecord { get; init; }

    /// <summary>
    /// True when the institution's receivable posting is not a row of its own either: the record is also read in the
    /// institution's posting stream (its journal entry names that stream as its second), so one institution's statement
    /// and the daily close find it there by index, and readers derive the posting from it. Null on records written
    /// before, whose receivable is a row.
    /// </summary>
    [Id(13)] public bool? ReceivableInRecord { get; init; }

    /// <summary>
    /// On a record that is also its message's receipt (its entry id is the message's key): the request's digest, as a
    /// <see cref="MessageReceipt.RequestDigest"/> holds it, so a retry is told from another request under the same msgid.
    /// Null on records with a receipt of their own.
    /// </summary>
    [Id(14)] public string? RequestDigest { get; init; }
}
