using Medisettle.Interfaces;
using Medisettle.Interfaces.Settlement;

namespace Medisettle.Grains.Policy;

/// <summary>城乡居民大病保险: bands on the year's cumulative in-scope burden above a threshold.</summary>
public sealed record CriticalIllnessSection
{
    /// <summary>T (yuan): usually last year's per-capita disposable income.</summary>
    public required Money Threshold { get; init; }

    public required IReadOnlyList<CriticalIllnessBandSet> BandSets { get; init; }

    /// <summary>Visit types whose burden counts toward the base; empty = every pool-paid visit.</summary>
    public IReadOnlyList<VisitType> BaseVisitTypes { get; init; } = [];
}
