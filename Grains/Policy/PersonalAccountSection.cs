using Medisettle.Interfaces.Settlement;

namespace Medisettle.Grains.Policy;

/// <summary>个人账户 (employees): pays the remaining personal share up to the balance.</summary>
public sealed record PersonalAccountSection
{
    /// <summary>Visit types the account pays on (what it may buy there is the <c>controls.nonInsuredGoods</c> rule).</summary>
    public required IReadOnlyList<VisitType> PayableVisitTypes { get; init; }
}
