using Medisettle.Interfaces;

namespace Medisettle.Grains.Policy;

/// <summary>One marginal band of the insurer's share: the part of the year's result up to <see cref="UpTo"/> (above the band before) at <see cref="Rate"/>.</summary>
public sealed record InsurerShareBand
{
    /// <summary>The band's upper bound (yuan, inclusive); null for the last band, bounded by the cap on the total premium.</summary>
    public Money? UpTo { get; init; }

    /// <summary>The insurer's share of the band, a fraction 0–1.</summary>
    public required decimal Rate { get; init; }
}
