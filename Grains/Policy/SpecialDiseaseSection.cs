namespace Medisettle.Grains.Policy;

/// <summary>门诊特殊病种 list: paid by the basic fund to certificate holders, per-disease caps.</summary>
public sealed record SpecialDiseaseSection
{
    public required IReadOnlyList<SpecialDiseaseRule> Diseases { get; init; }
}
