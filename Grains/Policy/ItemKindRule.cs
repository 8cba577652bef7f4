using Medisettle.Interfaces.Settlement;

namespace Medisettle.Grains.Policy;

/// <summary>Which item kinds the personal account may buy on a visit type (pharmacy): part of <see cref="NonInsuredGoodsRule"/>.</summary>
public sealed record ItemKindRule
{
    public required VisitType VisitType { get; init; }

    public required IReadOnlyList<ItemKind> AllowedItemKinds { get; init; }
}
