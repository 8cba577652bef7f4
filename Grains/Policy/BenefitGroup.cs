using Medisettle.Interfaces;
using Medisettle.Interfaces.Settlement;

namespace Medisettle.Grains.Policy;

/// <summary>Basic rules for a set of person categories (e.g. adults; students and children).</summary>
public sealed record BenefitGroup
{
    public required string Name { get; init; }

    public required IReadOnlyList<PersonCategory> Categories { get; init; }

    /// <summary>Visit types the basic fund pays for.</summary>
    public required IReadOnlyList<VisitType> CoveredVisitTypes { get; init; }

    /// <summary>Visit types settled with no pooled fund, only account and cash (employee pharmacy).</summary>
    public IReadOnlyList<VisitType> AccountOnlyVisitTypes { get; init; } = [];

    /// <summary>等待期 calendar months after the payment date before benefits start.</summary>
    public required int WaitingPeriodMonths { get; init; }

    /// <summary>No deductible for this group (students and children).</summary>
    public bool DeductibleExempt { get; init; }

    /// <summary>Added to the pack's ratio (students +0.10).</summary>
    public decimal RatioAdjustment { get; init; }

    /// <summary>Annual basic cap; yuan in the pack file.</summary>
    public required Money AnnualCap { get; init; }

    public required CapBasis CapBasis { get; init; }
}
