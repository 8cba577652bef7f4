namespace Medisettle.Gateway.Admin;

/// <summary>
/// Body of <c>POST /admin/v1/jobs/monthly-payout/deductions</c>: an audit deduction (审核扣款) to withhold from what
/// <c>Fund</c> pays institution <c>Institution</c> in the payout of <c>Month</c> (<c>yyyy-MM</c>), once per
/// <c>DeductionId</c>.
/// </summary>
public sealed record AuditDeductionRequest(string? DeductionId, string? Institution, string? Fund, string? Month, long AmountFen, string? Reason);
