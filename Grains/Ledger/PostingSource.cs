using Medisettle.Interfaces;
using Medisettle.Interfaces.Controls;
using Medisettle.Interfaces.Ledger;
using Medisettle.Interfaces.Settlement;

namespace Medisettle.Grains.Ledger;

/// <summary>
/// The members of a <see cref="SettlementRecord"/> its carried postings are made of (<see cref="LedgerWriter.CarriedPostingsOf(PostingSource)"/>),
/// under the same JSON names: the posting feed reads only these from a record's payload, and skips the rest (the engine
/// input, the rule trace, the fee lines), which is most of it.
/// </summary>
internal sealed partial record PostingSource
{
    public required string SettlementId { get; init; }

    public required string PersonId { get; init; }

    public required string InstitutionCode { get; init; }

    public required string InsuredRegion { get; init; }

    public required Scheme Scheme { get; init; }

    public required DateTimeOffset SettledAt { get; init; }

    public bool? FundPostingsInRecord { get; init; }

    public bool? ReceivableInRecord { get; init; }

    public required PaidPart Breakdown { get; init; }

    public static PostingSource Of(SettlementRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new PostingSource
        {
            SettlementId = record.SettlementId,
            PersonId = record.PersonId,
            InstitutionCode = record.InstitutionCode,
            InsuredRegion = record.InsuredRegion,
            Scheme = record.Scheme,
            SettledAt = record.SettledAt,
            FundPostingsInRecord = record.FundPostingsInRecord,
            ReceivableInRecord = record.ReceivableInRecord,
            Breakdown = PaidPart.Of(record.Breakdown),
        };
    }

    /// <summary>What <see cref="SettlementBreakdown"/> says was paid, and by whom.</summary>
    internal sealed record PaidPart
    {
        public required DateOnly SettlementDate { get; init; }

        public Money TotalAmount { get; init; }

        public Money FundPaySum { get; init; }

        public Money AccountPaid { get; init; }

        public Money CashPaid { get; init; }

        public required IReadOnlyList<PaidLine> FundLines { get; init; }

        public InpatientCase? InpatientCase { get; init; }

        public static PaidPart Of(SettlementBreakdown breakdown)
        {
            ArgumentNullException.ThrowIfNull(breakdown);
            return new PaidPart
            {
                SettlementDate = breakdown.SettlementDate,
                TotalAmount = breakdown.TotalAmount,
                FundPaySum = breakdown.FundPaySum,
                AccountPaid = breakdown.AccountPaid,
                CashPaid = breakdown.CashPaid,
                FundLines = breakdown.FundLines.Select(l => new PaidLine { FundType = l.FundType, AmountPaid = l.AmountPaid }).ToArray(),
                InpatientCase = breakdown.InpatientCase,
            };
        }
    }

    /// <summary>What one <see cref="FundLine"/> paid.</summary>
    internal sealed record PaidLine
    {
        public required FundType FundType { get; init; }

        public Money AmountPaid { get; init; }
    }
}
