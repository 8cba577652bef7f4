using Medisettle.Interfaces;
using Medisettle.Interfaces.Settlement;

namespace Medisettle.Grains.Policy;

/// <summary>起付线 deductible amount for some institution levels.</summary>
public sealed record DeductibleRule
{
    public required IReadOnlyList<InstitutionLevel> Levels { get; init; }

    /// <summary>Yuan in the pack file.</summary>
    public required Money Amount { get; init; }
}
