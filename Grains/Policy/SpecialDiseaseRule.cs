using Medisettle.Interfaces;

namespace Medisettle.Grains.Policy;

/// <summary>One 门诊特殊病种 with its ratio and annual cap.</summary>
public sealed record SpecialDiseaseRule
{
    public required string Code { get; init; }

    public required string Name { get; init; }

    /// <summary>Annual fund cap for this disease (yuan); null = no cap.</summary>
    public Money? AnnualCap { get; init; }

    public required decimal Rate { get; init; }
}
