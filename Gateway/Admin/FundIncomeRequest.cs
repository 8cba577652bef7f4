namespace Medisettle.Gateway.Admin;

/// <summary>
/// Body of <c>POST /admin/v1/funds/income</c>: a fund pool's income (统筹基金收入: premiums and subsidies) for a year, once
/// per <c>IncomeId</c>.
/// </summary>
public sealed record FundIncomeRequest(string? IncomeId, string? Fund, int Year, long AmountFen, string? Reason);
