using Medisettle.Interfaces.Settlement;

namespace Medisettle.Grains.Policy;

/// <summary>支付比例 basic-fund ratio for some levels, for transferred or in-county patients.</summary>
public sealed record RatioRule
{
    public required IReadOnlyList<InstitutionLevel> Levels { get; init; }

    /// <summary>True: applies to transferred (转院) patients; false: to everyone else.</summary>
    public required bool Transfer { get; init; }

    /// <summary>Fraction, e.g. 0.55.</summary>
    public required decimal Rate { get; init; }
}
