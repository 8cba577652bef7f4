using Medisettle.Interfaces.Settlement;

namespace Medisettle.Grains.Policy;

/// <summary>个人账户 (employees): pays the remaining personal share up to the balance.</summary>
public sealed record PersonalAccountSection
{
    public required IReadOnlyList<VisitType> PayableVisitTypes { get; init; }

    /// <summary>Visit types whose lines must all be of allowed kinds; a line that is not rejects the settlement.</summary>
    public IReadOnlyList<ItemKindRule> ItemKindRules { get; init; } = [];
}
