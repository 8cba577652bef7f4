namespace Medisettle.Grains.Policy;

/// <summary>The fund jobs' rules of a pack (DOMAIN.md §7): year-end jobs on the region's pooled fund (risk reserve, 二次补偿) and the insurer cooperation of its resident scheme.</summary>
public sealed record FundJobsSection
{
    public RiskReserveRule? RiskReserve { get; init; }

    public SecondaryCompensationRule? SecondaryCompensation { get; init; }

    public InsurerCooperationRule? InsurerCooperation { get; init; }
}
