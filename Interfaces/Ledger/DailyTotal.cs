
namespace Medisettle.Interfaces.Ledger;

/// <summary>One institution's settlements on one day, net of cancels (对总账 3201).</summary>
[GenerateSerializer]
[Immutable]
public sealed record DailyTotal
{
    [Id(0)] public required DateOnly Date { get; init; }

    /// <summary>Settlements minus cancels on that day.</summary>
    [Id(1)] public required int SettlementCount { get; init; }

    /// <summary><c>medfee_sumamt</c> total.</summary>
    [Id(2)] public required Money MedicalFeeTotal { get; init; }

    /// <summary><c>fund_pay_sumamt</c> total.</summary>
    [Id(3)] public required Money FundPaid { get; init; }

    /// <summary><c>acct_pay</c> total.</summary>
    [Id(4)] public required Money AccountPaid { get; init; }

    /// <summary><c>psn_cash_pay</c> total.</summary>
    [Id(5)] public required Money CashPaid { get; init; }
}
