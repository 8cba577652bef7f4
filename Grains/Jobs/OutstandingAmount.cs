using Medisettle.Interfaces;
using Medisettle.Interfaces.Jobs;

namespace Medisettle.Grains.Jobs;

/// <summary>An amount one fund owes one institution for settlements dated in one month, not paid yet.</summary>
public sealed class OutstandingAmount
{
    public required string Fund { get; set; }

    public required string InstitutionCode { get; set; }

    public required BusinessMonth Month { get; set; }

    public Money Amount { get; set; }
}
