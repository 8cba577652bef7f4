
namespace Medisettle.Interfaces.Ledger;

/// <summary>The headline amounts of a settlement, carried on the institution's receivable posting (signed like it).</summary>
[GenerateSerializer]
[Immutable]
public sealed record SettlementTotals
{
    /// <summary><c>medfee_sumamt</c>.</summary>
    [Id(0)] public required Money MedicalFeeTotal { get; init; }

    /// <summary><c>fund_pay_sumamt</c>.</summary>
    [Id(1)] public required Money FundPaid { get; init; }

    /// <summary><c>acct_pay</c>.</summary>
    [Id(2)] public required Money AccountPaid { get; init; }

    /// <summary><c>psn_cash_pay</c>.</summary>
    [Id(3)] public required Money CashPaid { get; init; }

    public SettlementTotals Negate() => new()
    {
        MedicalFeeTotal = -MedicalFeeTotal,
        FundPaid = -FundPaid,
        AccountPaid = -AccountPaid,
        CashPaid = -CashPaid,
    };
}
