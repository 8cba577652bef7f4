using Medisettle.Interfaces.Settlement;

namespace Medisettle.Grains.Policy;

/// <summary>基本医疗保险统筹基金 rules: classification, deductibles, ratios, groups.</summary>
public sealed record BasicSection
{
    /// <summary>乙类 先行自付 fraction of a class-B line's in-limit amount.</summary>
    public required decimal ClassBPreSelfPayRate { get; init; }

    public required IReadOnlyList<DeductibleRule> Deductibles { get; init; }

    public required IReadOnlyList<DeductibleModeRule> DeductibleModes { get; init; }

    public required IReadOnlyList<RatioRule> Ratios { get; init; }

    /// <summary>门诊大病: the diseases an <see cref="VisitType.OutpatientMajorDisease"/> visit may be for.</summary>
    public IReadOnlyList<DiseaseRef> MajorOutpatientDiseases { get; init; } = [];

    public required IReadOnlyList<BenefitGroup> Groups { get; init; }
}
