namespace Medisettle.Interfaces.Jobs;

/// <summary>
/// One pooled fund's month of the insurer cooperation (S2 第3篇 (三)): the claims the insurer pays into the risk account
/// (the fund's spending dated up to the month's end not claimed before), the premium the risk account pays (month 1:
/// at least the first premium and 1/12 of the target; later: the claims), and from month 2 the 40/60 pre-settlement of
/// premium − claims to date (what the insurer returns to the risk account; negative when the risk account pays).
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record InsurerMonthLine
{
    /// <summary>The pooled fund (<c>{region}:{scheme}:BasicPooled</c>).</summary>
    [Id(0)] public required string Fund { get; init; }

    /// <summary>The risk account (风险防范专户) pool, <c>{region}:{scheme}:InsurerRiskAccount</c>.</summary>
    [Id(1)] public required string RiskAccount { get; init; }

    /// <summary>The pack whose <c>fundJobs.insurerCooperation</c> rule applies (in force on the month's last day).</summary>
    [Id(2)] public required string PackId { get; init; }

    [Id(3)] public required BusinessMonth Month { get; init; }

    /// <summary>The year's target: per-capita spending × insured persons.</summary>
    [Id(4)] public required Money Target { get; init; }

    /// <summary>The year's risk fund moved from the pooled fund into the risk account (month 1 only; else 0).</summary>
    [Id(5)] public required Money RiskFund { get; init; }

    /// <summary>保险赔付款 this month: the fund's spending dated in the year up to the month's end − the claims to date before; never below 0 (a shortfall is carried).</summary>
    [Id(6)] public required Money Claims { get; init; }

    /// <summary>This month's premium paid by the risk account to the insurer.</summary>
    [Id(7)] public required Money Premium { get; init; }

    [Id(8)] public required Money ClaimsToDate { get; init; }

    [Id(9)] public required Money PremiumToDate { get; init; }

    /// <summary>This month's pre-settlement: the risk account's share of (premium − claims) to date − what was pre-settled before (0 in month 1).</summary>
    [Id(10)] public required Money PreSettlement { get; init; }

    [Id(11)] public required Money PreSettledToDate { get; init; }
}
