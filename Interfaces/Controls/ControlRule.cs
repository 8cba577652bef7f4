namespace Medisettle.Interfaces.Controls;

/// <summary>监管规则 the control rules of DOMAIN.md §6 that a policy pack's <c>controls</c> section sets (docs/policy-packs.md).</summary>
[GenerateSerializer]
public enum ControlRule
{
    /// <summary>长处方: a chronic prescription longer than the pack allows.</summary>
    LongPrescription,

    /// <summary>Non-insured goods (cosmetics, food, supplements) on the personal account.</summary>
    NonInsuredGoods,

    /// <summary>串换: a line whose catalogue class or unit price limit disagrees with what is declared.</summary>
    ItemSwapping,

    /// <summary>重复购药: the same catalogue code bought again while an earlier purchase's supply days have not run out.</summary>
    DuplicatePurchase,

    /// <summary>Person velocity: many settled swipes at many institutions within a short window.</summary>
    PersonVelocity,

    /// <summary>协议病种 : 普通病种包干 settlements of a hospital above the pack's ratio over a period (S4 §6).</summary>
    AgreedDiseaseRatio,
}
