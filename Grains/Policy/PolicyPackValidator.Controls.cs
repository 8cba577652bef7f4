using Medisettle.Interfaces.Controls;
using Medisettle.Interfaces.Settlement;

namespace Medisettle.Grains.Policy;

/// <summary>The <c>controls</c> section: every threshold named with its path and value when it is out of range.</summary>
internal static partial class PolicyPackValidator
{
    /// <summary>Lengths of a 协议病种 counting period that tile the calendar year.</summary>
    internal static readonly int[] AgreedDiseasePeriodMonths = [1, 2, 3, 4, 6, 12];

    private static void ValidateControls(ControlSection controls, string file)
    {
        Require(file, "$.controls", "{}", controls.LongPrescription is not null || controls.NonInsuredGoods is not null || controls.ItemSwapping is not null
            || controls.DuplicatePurchase is not null || controls.Velocity is not null || controls.AgreedDiseaseRatio is not null, "at least one rule");
        if (controls.LongPrescription is { } prescription)
        {
            Require(file, "$.controls.longPrescription.maxSupplyDays", Text(prescription.MaxSupplyDays), prescription.MaxSupplyDays > 0, "must be positive");
            Codes(file, "$.controls.longPrescription.chronicDiseaseCodes", prescription.ChronicDiseaseCodes);
            ActionDefined(file, "$.controls.longPrescription.action", prescription.Action);
        }

        if (controls.NonInsuredGoods is { } goods)
        {
            ValidateNonInsuredGoods(goods, file);
        }

        if (controls.ItemSwapping is { } swapping)
        {
            ValidateItemSwapping(swapping, file);
        }

        if (controls.DuplicatePurchase is { } duplicate)
        {
            VisitTypes(file, "$.controls.duplicatePurchase.visitTypes", duplicate.VisitTypes);
            ActionDefined(file, "$.controls.duplicatePurchase.action", duplicate.Action);
        }

        if (controls.Velocity is { } velocity)
        {
            ValidateVelocity(velocity, file);
        }

        if (controls.AgreedDiseaseRatio is { } ratio)
        {
            ValidateAgreedDiseaseRatio(ratio, file);
        }
    }

    private static void ValidateNonInsuredGoods(NonInsuredGoodsRule goods, string file)
    {
        Require(file, "$.controls.nonInsuredGoods.itemKindRules", "[]", goods.ItemKindRules.Count > 0, "at least one rule");
        var seen = new HashSet<VisitType>();
        for (var i = 0; i < goods.ItemKindRules.Count; i++)
        {
            var rule = goods.ItemKindRules[i];
            var path = $"$.controls.nonInsuredGoods.itemKindRules[{i}]";
            Require(file, path + ".visitType", rule.VisitType.ToString(), seen.Add(rule.VisitType), "visit type listed twice");
            Require(file, path + ".allowedItemKinds", "[]", rule.AllowedItemKinds.Count > 0, "at least one item kind");
        }

        ActionDefined(file, "$.controls.nonInsuredGoods.action", goods.Action);
    }

    private static void ValidateItemSwapping(ItemSwappingRule swapping, string file)
    {
        Require(file, "$.controls.itemSwapping.catalogue", "[]", swapping.Catalogue.Count > 0, "at least one catalogue entry");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < swapping.Catalogue.Count; i++)
        {
            var entry = swapping.Catalogue[i];
            var path = $"$.controls.itemSwapping.catalogue[{i}]";
            Require(file, path + ".code", entry.Code, !string.IsNullOrWhiteSpace(entry.Code) && seen.Add(entry.Code), "blank or listed twice");
            if (entry.UnitPriceLimit is { } limit)
            {
                NotNegative(file, path + ".unitPriceLimit", limit);
            }
        }

        ActionDefined(file, "$.controls.itemSwapping.action", swapping.Action);
    }

    private static void ValidateVelocity(VelocityRule velocity, string file)
    {
        const string path = "$.controls.velocity";
        VisitTypes(file, path + ".visitTypes", velocity.VisitTypes);
        var windowMax = (int)ControlHistory.SwipeWindowMax.TotalMinutes;
        Require(file, path + ".windowMinutes", Text(velocity.WindowMinutes), velocity.WindowMinutes is >= 1 && velocity.WindowMinutes <= windowMax,
            $"must be 1–{windowMax} (a person keeps {ControlHistory.SwipeWindowMax.TotalDays} days of swipes)");
        var swipesMax = ControlHistory.SwipesMax - 1;
        Require(file, path + ".swipesMax", Text(velocity.SwipesMax), velocity.SwipesMax >= 1 && velocity.SwipesMax <= swipesMax,
            $"must be 1–{swipesMax} (a person keeps at most {ControlHistory.SwipesMax} recent swipes)");
        Require(file, path + ".institutionsMax", Text(velocity.InstitutionsMax), velocity.InstitutionsMax >= 0 && velocity.InstitutionsMax <= swipesMax, $"must be 0–{swipesMax}");
        if (velocity.RefuseSwipesMax is { } refuse)
        {
            Require(file, path + ".refuseSwipesMax", Text(refuse), refuse >= velocity.SwipesMax && refuse <= swipesMax,
                $"must be swipesMax ({Text(velocity.SwipesMax)}) – {swipesMax}");
        }
    }

    private static void ValidateAgreedDiseaseRatio(AgreedDiseaseRatioRule rule, string file)
    {
        const string path = "$.controls.agreedDiseaseRatio";
        Codes(file, path + ".agreedDiseaseCodes", rule.AgreedDiseaseCodes);
        Require(file, path + ".ratioMax", Text(rule.RatioMax), rule.RatioMax > 0m, "must be positive");
        Require(file, path + ".periodMonths", Text(rule.PeriodMonths), AgreedDiseasePeriodMonths.Contains(rule.PeriodMonths),
            "must be 1, 2, 3, 4, 6 or 12 (periods tile the calendar year)");
        Require(file, path + ".casesMin", Text(rule.CasesMin), rule.CasesMin >= 1, "must be positive");
    }

    private static void Codes(string file, string path, IReadOnlyList<string> codes)
    {
        Require(file, path, "[]", codes.Count > 0, "at least one code");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < codes.Count; i++)
        {
            Require(file, $"{path}[{i}]", codes[i], !string.IsNullOrWhiteSpace(codes[i]) && seen.Add(codes[i]), "blank or listed twice");
        }
    }

    private static void VisitTypes(string file, string path, IReadOnlyList<VisitType> types)
    {
        Require(file, path, "[]", types.Count > 0, "at least one visit type");
        var seen = new HashSet<VisitType>();
        foreach (var type in types)
        {
            Require(file, path, type.ToString(), seen.Add(type), "visit type listed twice");
        }
    }

    private static void ActionDefined(string file, string path, ControlAction action) =>
        Require(file, path, action.ToString(), Enum.IsDefined(action), "must be Flag or Refuse");
}
