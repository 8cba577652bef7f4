using Medisettle.Grains.Policy;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Settlement;
using Xunit;
using static Medisettle.Grains.Tests.Policy.Scenario;

namespace Medisettle.Grains.Tests.Policy;

/// <summary>大病 bands (P3, P4), band edges, and the incremental payment over a year (P0).</summary>
public sealed class CriticalIllnessTests
{
    private static readonly DateOnly Day2013 = new(2013, 3, 1);

    private static CriticalIllnessBandSet P3Bands => Catalog.FindById("P3-350500-2013")!.CriticalIllness!.BandSets[0];

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)] // 1 fen × 50% = 0.5 → 1 (half away from zero)
    [InlineData(4_999_999, 2_500_000)] // 49,999.99 × 50% = 24,999.995 → 25,000.00
    [InlineData(5_000_000, 2_500_000)] // band edge 50,000: 25,000
    [InlineData(5_000_001, 2_500_001)] // + 1 fen × 60% = 0.6 → 1
    [InlineData(8_000_000, 4_300_000)] // DOMAIN example: 43,000
    [InlineData(9_999_999, 5_499_999)] // 25,000 + 49,999.99 × 60% = 25,000 + 29,999.994 → 54,999.99
    [InlineData(10_000_000, 5_500_000)] // 25,000 + 30,000
    [InlineData(10_000_001, 5_500_001)] // + 0.7 fen → 1
    [InlineData(23_571_427, 14_999_999)] // 55,000 + 135,714.27 × 70% = 55,000 + 94,999.989 → 149,999.99 (one fen under the cap)
    [InlineData(23_571_428, 15_000_000)] // 55,000 + 135,714.28 × 70% = 55,000 + 94,999.996 → 150,000.00 (at the cap)
    [InlineData(30_000_000, 15_000_000)] // 55,000 + 200,000 × 70% = 195,000 → capped at 150,000
    public void P3_marginal_bands_and_cap(long excessFen, long expectedFen)
    {
        Assert.Equal(new Money(expectedFen), SettlementEngine.CriticalIllnessEntitlement(new Money(excessFen), P3Bands, Person("350500")));
    }

    [Theory]
    [InlineData(PersonCategory.AdultResident, 100_000, 50_000)] // 100,000 × 50%
    [InlineData(PersonCategory.AdultResident, 300_000, 50_000)] // only the part up to 100,000
    [InlineData(PersonCategory.UniversityStudent, 50_000, 30_000)] // 50,000 × 60%
    [InlineData(PersonCategory.UniversityStudent, 150_000, 100_000)] // 30,000 + 100,000 × 70%
    [InlineData(PersonCategory.UniversityStudent, 250_000, 100_000)] // no cancer certificate: the 80% band does not apply
    public void P4_residents_and_university_students(PersonCategory category, int excessYuan, int expectedYuan)
    {
        var section = Catalog.FindById("P4-350100-2013")!.CriticalIllness!;
        var set = section.BandSets.Single(s => s.Categories.Contains(category));

        Assert.Equal(Y(expectedYuan), SettlementEngine.CriticalIllnessEntitlement(Y(excessYuan), set, Person("350100", category: category)));
    }

    [Fact]
    public void P4_cancer_band_applies_to_university_students_with_a_cancer_certificate()
    {
        var set = Catalog.FindById("P4-350100-2013")!.CriticalIllness!.BandSets.Single(s => s.Categories.Contains(PersonCategory.UniversityStudent));
        var student = Person("350100", category: PersonCategory.UniversityStudent) with { SpecialDiseaseCertificates = ["malignant-tumour"] };

        // 30,000 + 70,000 + 100,000 × 80% = 180,000
        Assert.Equal(Y(180_000m), SettlementEngine.CriticalIllnessEntitlement(Y(250_000m), set, student));
    }

    [Fact]
    public void P0_entitlement_is_paid_incrementally_over_several_settlements()
    {
        var person = Person("990001");
        var hospital = Hospital("990001", InstitutionLevel.Tier3);
        var ytd = YearToDate.Empty(2013);

        // 1: basic (50,000 − 400) × 60% = 29,760; base 20,240 < T 30,000 → 大病 0
        var first = Engine.Compute(Input(person, hospital, Inpatient(Day2013, 50_000m), ytd));

        // 2: basic capped at 40,000 − 29,760 = 10,240; base += 39,760 → 60,000; E = 30,000 → 15,000
        var second = Engine.Compute(Input(person, hospital, Inpatient(Day2013.AddDays(10), 50_000m), first.YearToDateAfter!));

        // 3: basic 0; base += 50,000 → 110,000; E = 80,000 → 43,000; pays 43,000 − 15,000 = 28,000
        var third = Engine.Compute(Input(person, hospital, Inpatient(Day2013.AddDays(20), 50_000m), second.YearToDateAfter!));

        Assert.Equal([Y(29_760m), Y(10_240m), Y(0m)], new[] { first, second, third }.Select(r => r.Breakdown!.FundsPaid.BasicPooled));
        Assert.Equal([Y(0m), Y(15_000m), Y(28_000m)], new[] { first, second, third }.Select(r => r.Breakdown!.FundsPaid.CriticalIllness));
        Assert.Equal(Y(110_000m), third.YearToDateAfter!.CriticalIllnessBase);
        Assert.Equal(Y(43_000m), third.YearToDateAfter.FundsPaid.CriticalIllness);
    }

    [Fact]
    public void Critical_illness_base_is_in_scope_minus_basic_and_large_amount()
    {
        var person = Person("990001") with { HasLargeAmountAddOn = true };
        var b = Settle(Input(person, Hospital("990001", InstitutionLevel.Tier3), Inpatient(Day2013, 100_000m)));

        // basic min(59,760, 40,000) = 40,000; 大额 19,760; base 100,000 − 40,000 − 19,760 = 40,240; E 10,240 → 5,120
        Assert.Equal(Y(40_000m), b.FundsPaid.BasicPooled);
        Assert.Equal(Y(19_760m), b.FundsPaid.LargeAmount);
        Assert.Equal(Y(40_240m), b.Delta.CriticalIllnessBase);
        Assert.Equal(Y(5_120m), b.FundsPaid.CriticalIllness);
        Assert.Equal(Y(35_120m), b.CashPaid);
    }

    [Fact]
    public void Special_disease_costs_count_toward_the_critical_illness_base()
    {
        var person = Person("990001") with { SpecialDiseaseCertificates = ["malignant-tumour"] };
        var visit = Visit(VisitType.SpecialDiseaseOutpatient, Day2013, Line(10_000m)) with { DiseaseCode = "malignant-tumour" };
        var ytd = YearToDate.Empty(2013) with { CriticalIllnessBase = Y(30_000m) };
        var b = Settle(Input(person, Hospital("990001", InstitutionLevel.Tier3), visit, ytd));

        // 恶性肿瘤 80%: 8,000 (cap 30,000); base += 2,000 → E 2,000 → 1,000
        Assert.Equal(Y(8_000m), b.FundsPaid.BasicPooled);
        Assert.Equal(Y(1_000m), b.FundsPaid.CriticalIllness);
        Assert.Equal(Y(8_000m), b.Delta.SpecialDiseasePaid);
        Assert.Equal(Y(0m), b.Delta.FundsPaid.BasicPooled);
    }

    [Theory]
    [InlineData(VisitType.Inpatient, 5_000)] // base 40,000 − 30,000 = E 10,000 × 50%
    [InlineData(VisitType.Accident, 0)] // not in P4's baseVisitTypes
    public void P4_base_counts_only_inpatient_and_major_outpatient_burden(VisitType type, int expectedYuan)
    {
        var basic350100 = """
            { "id": "TEST-350100", "region": "350100", "schemes": ["UrbanResident"], "effectiveFrom": "2013-01-01", "source": "test",
              "basic": { "classBPreSelfPayRate": 0, "deductibles": [{ "levels": ["Tier3"], "amount": 0 }],
                "deductibleModes": [{ "visitType": "Inpatient", "mode": "PerVisit" }, { "visitType": "Accident", "mode": "PerVisit" }],
                "ratios": [{ "levels": ["Tier3"], "transfer": false, "rate": 0.5 }],
                "groups": [{ "name": "all", "categories": ["AdultResident"], "coveredVisitTypes": ["Inpatient", "Accident"], "waitingPeriodMonths": 0, "annualCap": 1000, "capBasis": "FundPayment" }] } }
            """;
        var visit = Visit(type, Day2013, Line(41_000m));
        var b = Settle(Input(Person("350100"), Hospital("350100", InstitutionLevel.Tier3), visit), EngineWith(basic350100));

        // basic capped at 1,000; burden 40,000
        Assert.Equal(Y(1_000m), b.FundsPaid.BasicPooled);
        Assert.Equal(Y(expectedYuan), b.FundsPaid.CriticalIllness);
    }
}
