namespace Medisettle.Grains.Policy;

/// <summary>
/// 监管规则 the control rules of DOMAIN.md §6 as pack data (section <c>controls</c>): each rule optional, each
/// with its thresholds and what a hit does (<see cref="Medisettle.Interfaces.Controls.ControlAction"/>). A hit
/// is a flag for review, committed with the settlement (action Flag) or with the refusal (action Refuse).
/// </summary>
public sealed record ControlSection
{
    /// <summary>长处方: chronic prescriptions longer than the pack allows.</summary>
    public LongPrescriptionRule? LongPrescription { get; init; }

    /// <summary>Goods the personal account may not buy.</summary>
    public NonInsuredGoodsRule? NonInsuredGoods { get; init; }

    /// <summary>串换 heuristic against the pack's catalogue entries.</summary>
    public ItemSwappingRule? ItemSwapping { get; init; }

    /// <summary>重复购药 within an earlier purchase's supply days.</summary>
    public DuplicatePurchaseRule? DuplicatePurchase { get; init; }

    /// <summary>Many swipes at many institutions in a short window.</summary>
    public VelocityRule? Velocity { get; init; }

    /// <summary>协议病种 : 包干 ratio per hospital and period (an institution alert).</summary>
    public AgreedDiseaseRatioRule? AgreedDiseaseRatio { get; init; }
}
