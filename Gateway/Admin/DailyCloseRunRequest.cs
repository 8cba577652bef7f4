namespace Medisettle.Gateway.Admin;

/// <summary>Body of <c>POST /admin/v1/jobs/daily-close/runs</c>: the day to close, <c>yyyy-MM-dd</c>.</summary>
public sealed record DailyCloseRunRequest(string? Period);
