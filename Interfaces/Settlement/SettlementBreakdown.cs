using Medisettle.Interfaces.Controls;

namespace Medisettle.Interfaces.Settlement;


/// <summary>
/// 结算结果 the full split of one settlement, with the national-platform meaning of each amount
/// (the wire name is in each property's doc). Invariants: <c>TotalAmount = FundPaySum +
/// AccountPaid + CashPaid</c>; <c>FundPaySum</c> = sum of <see cref="FundLines"/>;
/// <c>TotalAmount = FullOwnPay + OverLimitSelfPay + PreSelfPay + InScopeAmount</c>.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record SettlementBreakdown
{
    [Id(0)] public required string PersonId { get; init; }

    [Id(1)] public required string VisitId { get; init; }

    [Id(2)] public required VisitType VisitType { get; init; }

    [Id(3)] public required DateOnly SettlementDate { get; init; }

    [Id(4)] public required int BenefitYear { get; init; }

    /// <summary>Ids of the packs that produced this settlement.</summary>
    [Id(5)] public required IReadOnlyList<string> PackIds { get; init; }

    /// <summary><c>medfee_sumamt</c> 医疗费总额.</summary>
    [Id(6)] public required Money TotalAmount { get; init; }

    /// <summary><c>fulamt_ownpay_amt</c> 全自费 (丙类/out of catalogue).</summary>
    [Id(7)] public required Money FullOwnPay { get; init; }

    /// <summary><c>overlmt_selfpay</c> 超限价自付.</summary>
    [Id(8)] public required Money OverLimitSelfPay { get; init; }

    /// <summary><c>preselfpay_amt</c> 先行自付 (乙类 share).</summary>
    [Id(9)] public required Money PreSelfPay { get; init; }

    /// <summary><c>inscp_scp_amt</c> 符合政策范围金额 in-scope amount.</summary>
    [Id(10)] public required Money InScopeAmount { get; init; }

    /// <summary><c>act_pay_dedc</c> 实际支付起付线 deductible charged.</summary>
    [Id(11)] public required Money DeductibleCharged { get; init; }

    /// <summary>
    /// Paid by each fund in this settlement: <c>hifp_pay</c> 基本医疗保险统筹基金支出 (basic pooled, including a
    /// special-disease payment), <c>hifob_pay</c> 大额医疗补助基金支出, <c>hifmi_pay</c> 居民大病保险资金支出,
    /// <c>maf_pay</c> 医疗救助基金支出.
    /// </summary>
    [Id(12)] public required FundAmounts FundsPaid { get; init; }

    /// <summary><c>pool_prop_selfpay</c>: in-scope above the deductible not paid by the basic fund (ratio share and over-cap part).</summary>
    [Id(13)] public required Money PoolProportionSelfPay { get; init; }

    /// <summary><c>oth_pay</c> 其他支出 (always zero here).</summary>
    [Id(17)] public required Money OtherPaid { get; init; }

    /// <summary><c>fund_pay_sumamt</c> 基金支付总额.</summary>
    [Id(18)] public required Money FundPaySum { get; init; }

    /// <summary><c>psn_part_amt</c> 个人负担总金额 = total − funds.</summary>
    [Id(19)] public required Money PersonalPart { get; init; }

    /// <summary><c>acct_pay</c> 个人账户支出.</summary>
    [Id(20)] public required Money AccountPaid { get; init; }

    /// <summary><c>psn_cash_pay</c> 个人现金支出.</summary>
    [Id(21)] public required Money CashPaid { get; init; }

    /// <summary><c>balc</c> 余额: personal-account balance after this settlement.</summary>
    [Id(22)] public required Money AccountBalanceAfter { get; init; }

    /// <summary><c>setldetail[]</c> per-fund lines.</summary>
    [Id(23)] public required IReadOnlyList<FundLine> FundLines { get; init; }

    /// <summary>What this settlement added to the accumulators (for the exact cancel).</summary>
    [Id(24)] public required AccumulatorDelta Delta { get; init; }

    /// <summary>Rule trace, one line per step (checks, classification, each fund, account).</summary>
    [Id(25)] public required IReadOnlyList<string> Trace { get; init; }

    /// <summary>
    /// The pack's control rules that flagged this settlement for review (a refusing rule refuses instead). Answered in
    /// warn_msg; each is a durable <see cref="ControlFlag"/> committed with the settlement.
    /// </summary>
    [Id(26)] public IReadOnlyList<ControlFinding> Flags { get; init; } = [];

    /// <summary>For an inpatient stay under a pack with a 协议病种 rule: how it counts for the hospital's ratio; else null.</summary>
    [Id(27)] public InpatientCase? InpatientCase { get; init; }
}
