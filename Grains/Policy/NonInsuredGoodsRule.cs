using Medisettle.Interfaces.Controls;

namespace Medisettle.Grains.Policy;

/// <summary>
/// Goods the personal account (个人账户) may not buy: on each listed visit type every fee line must be of an allowed
/// kind. Applies to persons with a personal account (employees, under a pack with a <c>personalAccount</c> section).
/// </summary>
public sealed record NonInsuredGoodsRule
{
    public required IReadOnlyList<ItemKindRule> ItemKindRules { get; init; }

    public required ControlAction Action { get; init; }
}
