namespace Medisettle.Interfaces.Jobs;

/// <summary>
/// One pooled fund's year-end risk reserve (风险储备金): <see cref="SetAside"/> = the least of <see cref="RateAmount"/>,
/// the surplus and what the reserve lacks to <see cref="CapAmount"/>, never below 0.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record RiskReserveLine
{
    /// <summary>The pooled fund (its <c>FundPoolKey</c> string).</summary>
    [Id(0)] public required string Fund { get; init; }

    /// <summary>The risk reserve pool it sets aside into (<c>{region}:{scheme}:RiskReserve</c>).</summary>
    [Id(1)] public required string ReserveFund { get; init; }

    /// <summary>The pack whose <c>fundJobs.riskReserve</c> rule applies (in force on 31 December of the year).</summary>
    [Id(2)] public required string PackId { get; init; }

    /// <summary>The year's income recorded for the fund.</summary>
    [Id(3)] public required Money Income { get; init; }

    /// <summary>The year's spending: settlements − reversals − payout deductions dated in the year.</summary>
    [Id(4)] public required Money Spending { get; init; }

    /// <summary>Income − spending.</summary>
    [Id(5)] public required Money Surplus { get; init; }

    /// <summary>The reserve before this year: every earlier year's set-aside.</summary>
    [Id(6)] public required Money ReserveBefore { get; init; }

    /// <summary>incomeRate × income (3 %), rounded to the fen half away from zero.</summary>
    [Id(7)] public required Money RateAmount { get; init; }

    /// <summary>capRate × income (15 %): the reserve's size.</summary>
    [Id(8)] public required Money CapAmount { get; init; }

    [Id(9)] public required Money SetAside { get; init; }
}
