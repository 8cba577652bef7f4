using System.Text.Json.Nodes;
using Medisettle.Grains.Policy;
using Medisettle.Grains.PolicyPacks;
using Medisettle.Interfaces.Controls;
using Medisettle.Interfaces.Settlement;
using Xunit;
using static Medisettle.Grains.Tests.Policy.Scenario;

namespace Medisettle.Grains.Tests.Policy;

/// <summary>
/// The control rules of the P0 packs in the pure engine, each at, one below and one above its threshold: velocity
/// (more than 4 swipes at more than 2 institutions in 1,440 minutes flagged, more than 10 refused), duplicate purchase
/// (a 7-day supply bought on day D covers D … D+6), item swapping (XA10BAA001 甲类 at most 60.00 a unit), long
/// prescriptions (28 days) and the 协议病种 classification.
/// </summary>
public sealed class ControlRuleTests
{
    private static readonly DateOnly Day = new(2026, 3, 2);
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(8));

    [Theory]
    [InlineData(3, 3, null)] // one below the swipes threshold
    [InlineData(4, 3, null)] // at it: more than 4 is needed
    [InlineData(5, 3, ControlAction.Flag)] // one above
    [InlineData(5, 2, null)] // at the institutions threshold: more than 2 is needed
    [InlineData(9, 3, ControlAction.Flag)]
    [InlineData(10, 3, ControlAction.Flag)] // at the hard limit: still settled
    [InlineData(11, 3, ControlAction.Refuse)] // above it: refused
    [InlineData(11, 2, null)] // eleven swipes at two institutions are not velocity
    public void Velocity_flags_above_4_swipes_at_more_than_2_institutions_and_refuses_above_10(int swipes, int institutions, ControlAction? expected)
    {
        var history = Swipes(swipes - 1, institutions, Now.AddMinutes(-30));
        var result = Engine.Compute(PharmacyInput(history, Line(10m, kind: ItemKind.ApprovedDrug)));

        var finding = FindingOf(result, ControlRule.PersonVelocity);
        Assert.Equal(expected, finding?.Action);
        if (expected == ControlAction.Refuse)
        {
            Assert.Equal(RejectionCode.PersonVelocity, result.Rejection!.Code);
            Assert.StartsWith($"11 settled swipes (Pharmacy, Outpatient) at 3 institutions within 1440 minutes", result.Rejection.Message, StringComparison.Ordinal);
            Assert.Equal(swipes - 1, finding!.RelatedSettlementIds.Count);
        }
        else
        {
            Assert.True(result.IsSettled, result.Rejection?.Message);
        }
    }

    [Theory]
    [InlineData(0, false)] // exactly 1,440 minutes earlier: outside the window
    [InlineData(1, true)] // one second later: inside
    public void Velocity_window_is_the_last_1440_minutes(int secondsInside, bool flagged)
    {
        // Four swipes inside the window at 3 institutions (with this one: 4, not more than 4) plus one at the window's edge.
        var inside = Swipes(3, 3, Now.AddMinutes(-30));
        var edge = new RecentSwipe("S-EDGE", "D-EDGE", VisitType.Pharmacy, Now.AddMinutes(-1_440).AddSeconds(secondsInside));
        var history = inside with { Swipes = [edge, .. inside.Swipes] };

        var result = Engine.Compute(PharmacyInput(history, Line(10m, kind: ItemKind.ApprovedDrug)));

        Assert.Equal(flagged, FindingOf(result, ControlRule.PersonVelocity) is not null);
    }

    [Fact]
    public void Velocity_counts_each_institution_once_this_swipes_own_included_and_lists_the_counted_swipes_in_order()
    {
        // Counted: S1 and S4 at this swipe's D990001, S2 and S5 at D-A, S6 at D-B: 6 swipes with this one, at 3 institutions.
        // Not counted: S3 (an inpatient stay at D-C) and S0 (at D-D, a day and a minute ago).
        RecentSwipe Swipe(string id, string institution, VisitType type = VisitType.Pharmacy, int minutesAgo = 5) =>
            new(id, institution, type, Now.AddMinutes(-minutesAgo));
        var counted = new ControlHistory
        {
            Swipes = [Swipe("S0", "D-D", minutesAgo: 1_441), Swipe("S1", "D990001"), Swipe("S2", "D-A"), Swipe("S3", "D-C", VisitType.Inpatient),
                Swipe("S4", "D990001"), Swipe("S5", "D-A"), Swipe("S6", "D-B", VisitType.Outpatient)],
        };

        var flagged = FindingOf(Engine.Compute(PharmacyInput(counted, Line(10m, kind: ItemKind.ApprovedDrug))), ControlRule.PersonVelocity);
        var withoutB = FindingOf(Engine.Compute(PharmacyInput(counted with { Swipes = counted.Swipes.SkipLast(1).ToList() }, Line(10m, kind: ItemKind.ApprovedDrug))), ControlRule.PersonVelocity);

        Assert.Equal(ControlAction.Flag, flagged!.Action);
        Assert.StartsWith("6 settled swipes (Pharmacy, Outpatient) at 3 institutions within 1440 minutes", flagged.Evidence, StringComparison.Ordinal);
        Assert.Equal(["S1", "S2", "S4", "S5", "S6"], flagged.RelatedSettlementIds);
        Assert.Null(withoutB); // 5 swipes at 2 institutions: not more than 2
    }

    [Fact]
    public void Velocity_counts_only_the_listed_visit_types()
    {
        var inpatient = Enumerable.Range(0, 20).Select(i => new RecentSwipe($"S{i}", $"H{i}", VisitType.Inpatient, Now.AddMinutes(-5))).ToList();

        var result = Engine.Compute(PharmacyInput(new ControlHistory { Swipes = inpatient }, Line(10m, kind: ItemKind.ApprovedDrug)));

        Assert.Empty(result.Breakdown!.Flags);
    }

    [Theory]
    [InlineData(0, true)] // the same day
    [InlineData(6, true)] // the supply's last day: one below its end
    [InlineData(7, false)] // at its end: run out
    [InlineData(8, false)] // one above
    public void Duplicate_purchase_is_flagged_while_the_earlier_supply_runs(int daysLater, bool flagged)
    {
        var history = new ControlHistory { Supplies = [new HeldSupply("S-FIRST", "D-OTHER", VisitType.Pharmacy, "XD0001", Day, 7)] };
        var line = Line(10m, kind: ItemKind.ApprovedDrug, supplyDays: 7) with { CatalogueCode = "XD0001" };

        var result = Engine.Compute(PharmacyInput(history, line, Day.AddDays(daysLater)));

        Assert.True(result.IsSettled, result.Rejection?.Message);
        var finding = FindingOf(result, ControlRule.DuplicatePurchase);
        Assert.Equal(flagged, finding is not null);
        if (flagged)
        {
            Assert.Equal(ControlAction.Flag, finding!.Action);
            Assert.Equal(["S-FIRST"], finding.RelatedSettlementIds);
            Assert.Equal("XD0001 was bought on 2026-03-02 at D-OTHER (S-FIRST) with 7 days of supply, running through 2026-03-08", finding.Evidence);
        }
    }

    [Fact]
    public void Another_catalogue_code_is_no_duplicate()
    {
        var history = new ControlHistory { Supplies = [new HeldSupply("S-FIRST", "D-OTHER", VisitType.Pharmacy, "XD0001", Day, 7)] };

        var result = Engine.Compute(PharmacyInput(history, Line(10m, kind: ItemKind.ApprovedDrug, supplyDays: 7) with { CatalogueCode = "XD0002" }));

        Assert.Empty(result.Breakdown!.Flags);
    }

    [Theory]
    [InlineData(6, true)]
    [InlineData(7, false)]
    public void Duplicate_purchase_with_action_refuse_refuses_while_the_supply_runs(int daysLater, bool refused)
    {
        var engine = EngineWithP0EmployeeControl(controls => controls["duplicatePurchase"]!["action"] = "Refuse");
        var history = new ControlHistory { Supplies = [new HeldSupply("S-FIRST", "D-OTHER", VisitType.Pharmacy, "XD0001", Day, 7)] };

        var result = engine.Compute(PharmacyInput(history, Line(10m, kind: ItemKind.ApprovedDrug, supplyDays: 7) with { CatalogueCode = "XD0001" }, Day.AddDays(daysLater)));

        Assert.Equal(refused, !result.IsSettled);
        if (refused)
        {
            Assert.Equal(RejectionCode.DuplicatePurchase, result.Rejection!.Code);
            Assert.Equal((ControlRule.DuplicatePurchase, ControlAction.Refuse), (result.RefusedBy!.Rule, result.RefusedBy.Action));
            Assert.EndsWith("(pack P0-990001-employee)", result.Rejection.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(59.99, 1, false)] // one fen below the 60.00 unit limit
    [InlineData(60.00, 1, false)] // at it
    [InlineData(60.01, 1, true)] // one fen above
    [InlineData(120.00, 2, false)] // two units at the limit
    [InlineData(120.01, 2, true)]
    public void Item_swapping_flags_a_unit_price_above_the_catalogue_limit(decimal amountYuan, int quantity, bool flagged)
    {
        var line = Line(amountYuan, kind: ItemKind.ApprovedDrug) with { CatalogueCode = "XA10BAA001", Quantity = quantity };

        var result = Engine.Compute(PharmacyInput(ControlHistory.Empty, line));

        var finding = FindingOf(result, ControlRule.ItemSwapping);
        Assert.Equal(flagged, finding is not null);
        Assert.True(result.IsSettled);
        if (flagged)
        {
            Assert.Contains("above the catalogue limit 60.00", finding!.Evidence, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(FeeClass.ClassA, false)]
    [InlineData(FeeClass.ClassB, true)]
    [InlineData(FeeClass.ClassC, true)]
    public void Item_swapping_flags_a_class_other_than_the_catalogue_s(FeeClass declared, bool flagged)
    {
        var line = Line(50m, declared, ItemKind.ApprovedDrug) with { CatalogueCode = "XA10BAA001", Quantity = 1 };

        var result = Engine.Compute(PharmacyInput(ControlHistory.Empty, line));

        var finding = FindingOf(result, ControlRule.ItemSwapping);
        Assert.Equal(flagged, finding is not null);
        if (flagged)
        {
            Assert.Equal($"line XA10BAA001 is declared {declared} but the catalogue lists it as ClassA", finding!.Evidence);
        }
    }

    [Fact]
    public void Item_swapping_does_not_check_codes_the_catalogue_does_not_list()
    {
        var line = Line(9_999m, FeeClass.ClassC, ItemKind.ApprovedDrug) with { CatalogueCode = "XUNLISTED", Quantity = 1 };

        Assert.Empty(Engine.Compute(PharmacyInput(ControlHistory.Empty, line)).Breakdown!.Flags);
    }

    [Theory]
    [InlineData(27, false)]
    [InlineData(28, false)]
    [InlineData(29, true)]
    public void Long_prescription_is_refused_above_28_days_and_the_refusal_is_a_finding(int days, bool refused)
    {
        var person = Employee("990001") with { SpecialDiseaseCertificates = ["hypertension"] };
        var visit = Visit(VisitType.SpecialDiseaseOutpatient, Day, Line(200m, kind: ItemKind.ApprovedDrug, supplyDays: days)) with { DiseaseCode = "hypertension" };

        var result = Engine.Compute(Input(person, Hospital("990001", InstitutionLevel.Tier3), visit));

        Assert.Equal(refused, !result.IsSettled);
        Assert.Equal(refused ? ControlRule.LongPrescription : null, result.RefusedBy?.Rule);
    }

    [Fact]
    public void Non_insured_goods_refusal_is_a_finding_of_its_rule()
    {
        var visit = Visit(VisitType.Pharmacy, Day, Line(30m, FeeClass.ClassC, ItemKind.Cosmetic) with { CatalogueCode = "X-COSMETIC" });

        var result = Engine.Compute(Input(Employee("990001"), Pharmacy("990001"), visit, accountYuan: 100m));

        Assert.Equal(RejectionCode.NonInsuredGoods, result.Rejection!.Code);
        Assert.Equal((ControlRule.NonInsuredGoods, ControlAction.Refuse, "P0-990001-employee"), (result.RefusedBy!.Rule, result.RefusedBy.Action, result.RefusedBy.PackId));
        Assert.Equal("line X-COSMETIC 'Cosmetic' is Cosmetic, which the personal account may not buy on Pharmacy", result.RefusedBy.Evidence);
    }

    [Theory]
    [InlineData("acute-appendicitis", true)]
    [InlineData("pneumonia", false)]
    [InlineData(null, false)]
    public void Inpatient_stays_are_classed_agreed_disease_or_flat_rate(string? disease, bool agreed)
    {
        var visit = Inpatient(Day, 1_000m) with { DiseaseCode = disease };

        var breakdown = Settle(Input(Person("990001"), Hospital("990001", InstitutionLevel.Tier3), visit));

        Assert.Equal(new InpatientCase { PackId = "P0-990001-resident", AgreedDisease = agreed, PeriodMonths = 4, RatioMax = 1m, CasesMin = 20 }, breakdown.InpatientCase);
    }

    [Fact]
    public void Only_inpatient_stays_under_a_pack_with_the_rule_are_classed()
    {
        var pharmacy = Settle(PharmacyInput(ControlHistory.Empty, Line(10m, kind: ItemKind.ApprovedDrug)));
        var p1 = Settle(Input(Person("370705", Scheme.MergedResident), Hospital("370705", InstitutionLevel.Tier3), Inpatient(new DateOnly(2011, 5, 1), 1_000m)));

        Assert.Null(pharmacy.InpatientCase);
        Assert.Null(p1.InpatientCase);
    }

    [Fact]
    public void The_history_after_a_pharmacy_settlement_holds_its_swipe_and_supplies()
    {
        var line = Line(10m, kind: ItemKind.ApprovedDrug, supplyDays: 7) with { CatalogueCode = "XD0001" };

        var result = Engine.Compute(PharmacyInput(ControlHistory.Empty, line) with { SettlementId = "S-NEW" });

        Assert.Equal([new RecentSwipe("S-NEW", "D990001", VisitType.Pharmacy, Now)], result.HistoryAfter!.Swipes);
        Assert.Equal([new HeldSupply("S-NEW", "D990001", VisitType.Pharmacy, "XD0001", Day, 7)], result.HistoryAfter.Supplies);
    }

    private static EngineInput PharmacyInput(ControlHistory history, FeeLine line, DateOnly? date = null) =>
        Input(Employee("990001"), Pharmacy("990001"), Visit(VisitType.Pharmacy, date ?? Day, line), accountYuan: 10_000m) with { History = history, SwipedAt = Now };

    /// <summary><paramref name="count"/> pharmacy swipes at <paramref name="institutions"/> − 1 other pharmacies (this swipe's D990001 is the last).</summary>
    private static ControlHistory Swipes(int count, int institutions, DateTimeOffset at) => new()
    {
        Swipes = [.. Enumerable.Range(0, count).Select(i => new RecentSwipe($"S{i}", institutions == 1 ? "D990001" : $"D-OTHER{i % (institutions - 1)}", VisitType.Pharmacy, at))],
    };

    private static ControlFinding? FindingOf(SettlementComputation result, ControlRule rule) =>
        result.RefusedBy is { } refused && refused.Rule == rule ? refused : result.Breakdown?.Flags.SingleOrDefault(f => f.Rule == rule);

    /// <summary>The shipped packs with P0-employee's <c>controls</c> changed by <paramref name="change"/>.</summary>
    private static SettlementEngine EngineWithP0EmployeeControl(Action<JsonNode> change)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(PolicyPackLoader.DefaultDirectory, "p0-990001-employee.json")))!;
        change(json["controls"]!);
        var changed = PolicyPackLoader.Parse(json.ToJsonString(), "p0-990001-employee.json");
        return new SettlementEngine(new PolicyPackCatalog(Catalog.Packs.Where(p => p.Id != changed.Id).Append(changed), Catalog.OffsitePairs));
    }
}
