using Medisettle.Grains.Policy;
using Medisettle.Grains.PolicyPacks;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Controls;
using Medisettle.Interfaces.Settlement;
using Xunit;
using static Medisettle.Grains.Tests.Policy.Scenario;

namespace Medisettle.Grains.Tests.Policy;

/// <summary>The <c>controls</c> section: the reference packs' thresholds with their sources and assumptions, and load-time validation naming file, field and value.</summary>
public sealed class ControlPackTests
{
    private const string ValidControlsPack = """
        { "id": "T-C", "region": "620100", "schemes": ["MergedResident"], "effectiveFrom": "2010-01-01", "source": "test",
          "controls": {
            "longPrescription": { "maxSupplyDays": 28, "chronicDiseaseCodes": ["hypertension"], "action": "Refuse" },
            "nonInsuredGoods": { "itemKindRules": [{ "visitType": "Pharmacy", "allowedItemKinds": ["ApprovedDrug"] }], "action": "Refuse" },
            "itemSwapping": { "catalogue": [{ "code": "X1", "class": "ClassA", "unitPriceLimit": 60 }], "action": "Flag" },
            "duplicatePurchase": { "visitTypes": ["Pharmacy"], "action": "Flag" },
            "velocity": { "visitTypes": ["Pharmacy"], "windowMinutes": 1440, "swipesMax": 4, "institutionsMax": 2, "refuseSwipesMax": 10 },
            "agreedDiseaseRatio": { "agreedDiseaseCodes": ["acute-appendicitis"], "ratioMax": 1, "periodMonths": 4, "casesMin": 20 } } }
        """;

    [Fact]
    public void A_valid_controls_section_parses_with_yuan_as_fen()
    {
        var controls = PolicyPackLoader.Parse(ValidControlsPack, "c.json").Controls!;

        Assert.Equal(new Money(6_000), controls.ItemSwapping!.Catalogue[0].UnitPriceLimit);
        Assert.Equal((1440, 4, 2, 10), (controls.Velocity!.WindowMinutes, controls.Velocity.SwipesMax, controls.Velocity.InstitutionsMax, controls.Velocity.RefuseSwipesMax));
        Assert.Equal((ControlAction.Refuse, ControlAction.Flag), (controls.LongPrescription!.Action, controls.DuplicatePurchase!.Action));
    }

    [Theory]
    [InlineData("\"swipesMax\": 4", "\"swipesMax\": 0", "$.controls.velocity.swipesMax", "0", "must be 1–99 (a person keeps at most 100 recent swipes)")]
    [InlineData("\"swipesMax\": 4", "\"swipesMax\": 100", "$.controls.velocity.swipesMax", "100", "must be 1–99 (a person keeps at most 100 recent swipes)")]
    [InlineData("\"refuseSwipesMax\": 10", "\"refuseSwipesMax\": 3", "$.controls.velocity.refuseSwipesMax", "3", "must be swipesMax (4) – 99")]
    [InlineData("\"windowMinutes\": 1440", "\"windowMinutes\": 10081", "$.controls.velocity.windowMinutes", "10081", "must be 1–10080 (a person keeps 7 days of swipes)")]
    [InlineData("\"windowMinutes\": 1440", "\"windowMinutes\": 0", "$.controls.velocity.windowMinutes", "0", "must be 1–10080 (a person keeps 7 days of swipes)")]
    [InlineData("\"institutionsMax\": 2", "\"institutionsMax\": -1", "$.controls.velocity.institutionsMax", "-1", "must be 0–99")]
    [InlineData("\"visitTypes\": [\"Pharmacy\"], \"action\"", "\"visitTypes\": [], \"action\"", "$.controls.duplicatePurchase.visitTypes", "[]", "at least one visit type")]
    [InlineData("\"maxSupplyDays\": 28", "\"maxSupplyDays\": 0", "$.controls.longPrescription.maxSupplyDays", "0", "must be positive")]
    [InlineData("\"unitPriceLimit\": 60", "\"unitPriceLimit\": -1", "$.controls.itemSwapping.catalogue[0].unitPriceLimit", "-1.00", "must not be negative")]
    [InlineData("{ \"code\": \"X1\", \"class\": \"ClassA\", \"unitPriceLimit\": 60 }", "{ \"code\": \"X1\", \"class\": \"ClassA\" }, { \"code\": \"X1\", \"class\": \"ClassB\" }", "$.controls.itemSwapping.catalogue[1].code", "X1", "blank or listed twice")]
    [InlineData("\"periodMonths\": 4", "\"periodMonths\": 5", "$.controls.agreedDiseaseRatio.periodMonths", "5", "must be 1, 2, 3, 4, 6 or 12 (periods tile the calendar year)")]
    [InlineData("\"ratioMax\": 1", "\"ratioMax\": 0", "$.controls.agreedDiseaseRatio.ratioMax", "0", "must be positive")]
    [InlineData("\"casesMin\": 20", "\"casesMin\": 0", "$.controls.agreedDiseaseRatio.casesMin", "0", "must be positive")]
    [InlineData("[\"acute-appendicitis\"]", "[\"acute-appendicitis\", \"acute-appendicitis\"]", "$.controls.agreedDiseaseRatio.agreedDiseaseCodes[1]", "acute-appendicitis", "blank or listed twice")]
    public void Invalid_control_thresholds_name_file_field_and_value(string from, string to, string path, string value, string reason)
    {
        var json = ValidControlsPack.Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(ValidControlsPack, json);

        var ex = Assert.Throws<PolicyPackException>(() => PolicyPackLoader.Parse(json, "controls.json"));

        Assert.Equal($"controls.json: {path} = {value}: {reason}", ex.Message);
        Assert.Equal((path, value), (ex.FieldPath, ex.Value));
    }

    [Theory]
    [InlineData("\"action\": \"Flag\" },\n    \"duplicatePurchase\"", "\"action\": \"Sometimes\" },\n    \"duplicatePurchase\"", "itemSwapping.action")] // not Flag or Refuse
    [InlineData(", \"action\": \"Refuse\" },\n    \"nonInsuredGoods\"", " },\n    \"nonInsuredGoods\"", "'action'")] // action is required
    public void A_rule_needs_an_action_of_flag_or_refuse(string from, string to, string hint)
    {
        var json = ValidControlsPack.ReplaceLineEndings("\n").Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(ValidControlsPack.ReplaceLineEndings("\n"), json);

        var ex = Assert.Throws<PolicyPackException>(() => PolicyPackLoader.Parse(json, "controls.json"));

        Assert.StartsWith("controls.json: $.controls", ex.Message, StringComparison.Ordinal);
        Assert.Contains(hint, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_old_prescription_section_is_refused_naming_it()
    {
        var json = ValidControlsPack.Replace("\"controls\": {", "\"prescription\": { \"maxSupplyDays\": 28, \"chronicDiseaseCodes\": [\"hypertension\"] }, \"controls\": {", StringComparison.Ordinal);

        var ex = Assert.Throws<PolicyPackException>(() => PolicyPackLoader.Parse(json, "old.json"));

        Assert.StartsWith("old.json: $", ex.Message, StringComparison.Ordinal);
        Assert.Contains("prescription", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_packs_giving_controls_for_one_region_and_scheme_on_overlapping_dates_are_refused()
    {
        var a = PolicyPackLoader.Parse(ValidControlsPack, "a.json");
        var b = PolicyPackLoader.Parse(ValidControlsPack.Replace("T-C", "T-D", StringComparison.Ordinal), "b.json");

        var ex = Assert.Throws<PolicyPackException>(() => new PolicyPackCatalog([a, b], []));

        Assert.Contains("both give section 'controls'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void P0_employee_carries_every_rule_with_its_thresholds_and_assumptions()
    {
        var pack = Catalog.FindById("P0-990001-employee")!;
        var controls = pack.Controls!;

        Assert.Equal((28, ControlAction.Refuse), (controls.LongPrescription!.MaxSupplyDays, controls.LongPrescription.Action));
        Assert.Equal(ControlAction.Refuse, controls.NonInsuredGoods!.Action);
        Assert.Equal([ItemKind.ApprovedDrug, ItemKind.ChineseHerbalPieces, ItemKind.MedicalDevice, ItemKind.Disinfectant], controls.NonInsuredGoods.ItemKindRules.Single().AllowedItemKinds);
        Assert.Equal(ControlAction.Flag, controls.ItemSwapping!.Action);
        Assert.Equal((FeeClass.ClassA, Y(60m)), (controls.ItemSwapping.Catalogue.Single(e => e.Code == "XA10BAA001").Class, controls.ItemSwapping.Catalogue.Single(e => e.Code == "XA10BAA001").UnitPriceLimit!.Value));
        Assert.Equal(ControlAction.Flag, controls.DuplicatePurchase!.Action);
        Assert.Equal([VisitType.Pharmacy, VisitType.SpecialDiseaseOutpatient], controls.DuplicatePurchase.VisitTypes);
        Assert.Equal((1440, 4, 2, 10), (controls.Velocity!.WindowMinutes, controls.Velocity.SwipesMax, controls.Velocity.InstitutionsMax, controls.Velocity.RefuseSwipesMax));
        Assert.Equal((1m, 4, 20), (controls.AgreedDiseaseRatio!.RatioMax, controls.AgreedDiseaseRatio.PeriodMonths, controls.AgreedDiseaseRatio.CasesMin));
        Assert.Contains("seeds/004_c65463761022d309.txt (S4) §6", pack.Source, StringComparison.Ordinal);
        Assert.Contains(pack.Assumptions, a => a.StartsWith("Control rules (DOMAIN.md §6): no seed states velocity numbers. Assumption:", StringComparison.Ordinal));
        Assert.Contains(pack.Assumptions, a => a.StartsWith("协议病种 : 包干 (S4 §6", StringComparison.Ordinal));
        Assert.Contains(pack.Assumptions, a => a.StartsWith("Item swapping (串换): the seeds give no catalogue", StringComparison.Ordinal));
        Assert.Contains(pack.Assumptions, a => a.StartsWith("Duplicate purchase (DOMAIN.md §6", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("P0-990001-resident")]
    [InlineData("P6-131000-2004a")]
    [InlineData("P6-131000-2004b")]
    public void Packs_that_settle_swipes_carry_velocity_duplicate_and_long_prescription_rules(string packId)
    {
        var pack = Catalog.FindById(packId)!;

        Assert.NotNull(pack.Controls!.Velocity);
        Assert.NotNull(pack.Controls.DuplicatePurchase);
        Assert.Equal(28, pack.Controls.LongPrescription!.MaxSupplyDays);
        Assert.Contains(pack.Assumptions, a => a.Contains("DOMAIN.md §6", StringComparison.Ordinal) && a.Contains("velocity", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void P6_employees_keep_the_non_insured_goods_rule_of_S3_section_6()
    {
        var visit = Visit(VisitType.Pharmacy, new DateOnly(2004, 9, 1), Line(88m, FeeClass.ClassC, ItemKind.Food) with { CatalogueCode = "X-FOOD" });

        var r = Reject(Input(Employee("131000"), Pharmacy("131000"), visit, accountYuan: 500m));

        Assert.Equal((RejectionCode.NonInsuredGoods, "P6-131000-2004b"), (r.Code, r.PackId));
        Assert.Contains("X-FOOD", r.Message, StringComparison.Ordinal);
    }
}
