
namespace Medisettle.Interfaces.Ledger;

/// <summary>One institution's settlements on one day, net of cancels (对总账 3201).</summary>
public sealed record DailyTotal
{
    public required DateOnly Date { get; init; }

    /// <summary>Settlements minus cancels on that day.</summary>
    public required int SettlementCount { get; init; }

    /// <summary><c>medfee_sumamt</c> total.</summary>
    public required Money MedicalFeeTotal { get; init; }

    /// <summary><c>fund_pay_sumamt</c> total.</summary>
    public required Money FundPaid { get; init; }

    /// <summary><c>acct_pay</c> total.</summary>
    public required Money AccountPaid { get; init; }

    /// <summary><c>psn_cash_pay</c> total.</summary>
    public required Money CashPaid { get; init; }
}
