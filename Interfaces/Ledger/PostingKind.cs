namespace Medisettle.Interfaces.Ledger;

/// <summary>Whether a posting records a settlement, reverses one, or is a monthly payout's payment or deduction.</summary>
[GenerateSerializer]
public enum PostingKind
{
    Settlement,

    /// <summary>冲销 reversal written by a cancel; its amount is the negated original.</summary>
    Reversal,

    /// <summary>
    /// 拨付 payment by the monthly payout: on the institution's receivable, the negated amount paid (its receivable goes
    /// down); <see cref="Posting.SettlementId"/> is the run's period key.
    /// </summary>
    Payment,

    /// <summary>
    /// 审核扣款 audit deduction by the monthly payout: the negated amount withheld, once on the institution's receivable and
    /// once on the fund (the fund does not pay it: its spending goes down).
    /// </summary>
    Deduction,

    /// <summary>
    /// 基金收入 income of a fund pool for a year (an administrator's record, or the risk reserve received from the pooled
    /// fund): the fund pool adds it to its income, not its spending.
    /// </summary>
    Income,

    /// <summary>风险储备金 the year-end set-aside: on the pooled fund, the amount moved to its risk reserve pool (spending).</summary>
    RiskReserve,

    /// <summary>二次补偿 year-end re-compensation of a major-illness inpatient: on the pooled fund, paid to the person (spending).</summary>
    Compensation,

    /// <summary>风险防范资金 the insurer cooperation's risk fund for a year: on the pooled fund, moved to its risk account (spending).</summary>
    InsurerRiskFund,

    /// <summary>保费 a premium the insurer cooperation's risk account pays the insurer (spending of the risk account).</summary>
    InsurerPremium,
}
