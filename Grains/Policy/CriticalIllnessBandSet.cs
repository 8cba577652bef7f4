using Medisettle.Interfaces;
using Medisettle.Interfaces.Settlement;

namespace Medisettle.Grains.Policy;

/// <summary>大病 bands for some person categories.</summary>
public sealed record CriticalIllnessBandSet
{
    public required string Name { get; init; }

    public required IReadOnlyList<PersonCategory> Categories { get; init; }

    /// <summary>Contiguous from 0, ascending.</summary>
    public required IReadOnlyList<CriticalIllnessBand> Bands { get; init; }

    /// <summary>Annual 大病 payout cap; null = the bands' own maximum.</summary>
    public Money? AnnualCap { get; init; }
}
