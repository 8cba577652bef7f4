namespace Medisettle.Gateway.Admin;

/// <summary>Body of <c>POST /admin/v1/jobs/monthly-payout/runs</c>: the month to pay, <c>yyyy-MM</c>.</summary>
public sealed record MonthlyPayoutRunRequest(string? Period);
