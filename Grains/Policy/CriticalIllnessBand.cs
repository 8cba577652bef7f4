using Medisettle.Interfaces;

namespace Medisettle.Grains.Policy;

/// <summary>One marginal band of excess E above the 大病 threshold: (From, To] at Rate.</summary>
public sealed record CriticalIllnessBand
{
    public required Money From { get; init; }

    /// <summary>Upper bound; null = unbounded (then the band set needs an annual cap).</summary>
    public Money? To { get; init; }

    public required decimal Rate { get; init; }

    /// <summary>When set, the band applies only to holders of one of these disease certificates (P4 cancer band).</summary>
    public IReadOnlyList<string> RequiresCertificateFor { get; init; } = [];
}
