using System.Text.Json.Serialization;
using Medisettle.Interfaces.Settlement;

namespace Medisettle.Grains.Policy;

/// <summary>A settled purchase with days of supply: it covers <see cref="From"/> … <see cref="From"/> + <see cref="Days"/> − 1.</summary>
public sealed record HeldSupply(string SettlementId, string InstitutionCode, VisitType VisitType, string CatalogueCode, DateOnly From, int Days)
{
    /// <summary>The first day the supply has run out (derived; not stored).</summary>
    [JsonIgnore]
    public DateOnly Until => From.AddDays(Days);
}
