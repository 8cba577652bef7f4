using Medisettle.Interfaces.Settlement;

namespace Medisettle.Grains.Policy;

/// <summary>Which deductible mode applies to a visit type.</summary>
public sealed record DeductibleModeRule
{
    public required VisitType VisitType { get; init; }

    public required DeductibleMode Mode { get; init; }
}
