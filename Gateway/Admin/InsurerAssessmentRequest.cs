namespace Medisettle.Gateway.Admin;

/// <summary>
/// Body of <c>POST /admin/v1/insurer/assessments</c>: one 考评 finding against the insurer for a fund and year
/// (<c>kind</c> <c>Complaint</c> or <c>MissedWarning</c>), once per <c>AssessmentId</c>.
/// </summary>
public sealed record InsurerAssessmentRequest(string? AssessmentId, string? Fund, int Year, string? Kind, string? Reason);
