namespace Medisettle.Grains.Policy;

/// <summary>
/// 风险储备金 the year-end risk reserve (P2, S3 §4): <see cref="IncomeRate"/> of the year's pooled-fund income is set aside
/// from the year's surplus until the reserve reaches <see cref="CapRate"/> of the year's pooled-fund income.
/// </summary>
public sealed record RiskReserveRule
{
    /// <summary>Share of the year's income set aside (3 % in S3 §4), a fraction 0–1.</summary>
    public required decimal IncomeRate { get; init; }

    /// <summary>The reserve's size, as a share of the year's income (15 % in S3 §4), a fraction 0–1; no set-aside beyond it.</summary>
    public required decimal CapRate { get; init; }
}
