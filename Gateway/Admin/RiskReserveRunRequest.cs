namespace Medisettle.Gateway.Admin;

/// <summary>Body of <c>POST /admin/v1/jobs/risk-reserve/runs</c> and <c>.../secondary-compensation/runs</c>: the year, <c>yyyy</c>.</summary>
public sealed record RiskReserveRunRequest(string? Period);
