using Medisettle.Grains.Policy;
using Medisettle.Interfaces.Settlement;
using Xunit;
using static Medisettle.Grains.Tests.Policy.Scenario;

namespace Medisettle.Grains.Tests.Policy;

/// <summary>The worked examples of DOMAIN.md §3, end to end through the engine.</summary>
public sealed class WorkedExampleTests
{
    private static readonly DateOnly Day2011 = new(2011, 5, 1);

    [Fact]
    public void P1_eligible_10000_at_tier3_pays_5115_and_patient_4885()
    {
        var b = Settle(Input(Person("370705", Scheme.MergedResident), Hospital("370705", InstitutionLevel.Tier3), Inpatient(Day2011, 10_000m)));

        // (10,000 − 700) × 55% = 5,115.00; patient 10,000 − 5,115 = 4,885.00
        Assert.Equal(Y(700m), b.DeductibleCharged);
        Assert.Equal(Y(5_115m), b.FundsPaid.BasicPooled);
        Assert.Equal(Y(5_115m), b.FundPaySum);
        Assert.Equal(Y(4_885m), b.PersonalPart);
        Assert.Equal(Y(4_885m), b.CashPaid);
        Assert.Equal(Y(4_185m), b.PoolProportionSelfPay); // 9,300 × 45%
        Assert.Equal(["P1-370705-2011"], b.PackIds);
        Assert.Contains("P1-370705-2011 basic", FundLineOf(b, FundType.BasicPooled).ProcessInfo, StringComparison.Ordinal);
    }

    [Fact]
    public void P1_tier2_has_no_rule_and_is_refused_naming_the_pack()
    {
        var r = Reject(Input(Person("370705", Scheme.MergedResident), Hospital("370705", InstitutionLevel.Tier2), Inpatient(Day2011, 10_000m)));

        Assert.Equal(RejectionCode.MissingRule, r.Code);
        Assert.Equal("P1-370705-2011", r.PackId);
        Assert.Contains("Tier2", r.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void P3_excess_80000_gives_43000()
    {
        var set = Catalog.FindById("P3-350500-2013")!.CriticalIllness!.BandSets[0];

        // 50,000 × 50% + 30,000 × 60% = 25,000 + 18,000 = 43,000
        Assert.Equal(Y(43_000m), SettlementEngine.CriticalIllnessEntitlement(Y(80_000m), set, Person("350500")));
    }

    [Fact]
    public void P0_critical_illness_on_excess_80000_pays_43000_in_one_settlement()
    {
        // Basic cap already used up; 大病 base already at T = 30,000.
        var ytd = YearToDate.Empty(2013) with { FundsPaid = new FundAmounts { BasicPooled = Y(40_000m) }, CriticalIllnessBase = Y(30_000m) };
        var b = Settle(Input(Person("990001"), Hospital("990001", InstitutionLevel.Tier3), Inpatient(new DateOnly(2013, 3, 1), 80_000m), ytd));

        // basic 0 (no room); base 30,000 + 80,000 = 110,000; E = 80,000 → 43,000; patient 37,000
        Assert.Equal(Y(0m), b.FundsPaid.BasicPooled);
        Assert.Equal(Y(43_000m), b.FundsPaid.CriticalIllness);
        Assert.Equal(Y(37_000m), b.CashPaid);
    }

    [Theory]
    [InlineData(PersonCategory.AdultResident, false, 5_760)] // (10,000 − 400) × 60%
    [InlineData(PersonCategory.AdultResident, true, 4_800)] // (10,000 − 400) × 50%
    [InlineData(PersonCategory.StudentChild, false, 7_000)] // 10,000 × 70%, no deductible
    [InlineData(PersonCategory.StudentChild, true, 6_000)] // 10,000 × 60%
    public void P2_county_inpatient_by_category_and_transfer(PersonCategory category, bool transfer, int expectedYuan)
    {
        var visit = Inpatient(new DateOnly(2007, 6, 1), 10_000m) with { IsTransfer = transfer };
        var b = Settle(Input(Person("220722", category: category), Hospital("220722", InstitutionLevel.CountyOrHigher), visit));

        Assert.Equal(Y(expectedYuan), b.FundsPaid.BasicPooled);
        Assert.Equal(Y(10_000m - expectedYuan), b.CashPaid);
    }

    [Theory]
    [InlineData(InstitutionLevel.Community, 5_880)] // (10,000 − 200) × 60%
    [InlineData(InstitutionLevel.CountyOrHigher, 5_760)] // (10,000 − 400) × 60%
    public void P2_deductible_depends_on_level(InstitutionLevel level, int expectedYuan)
    {
        var b = Settle(Input(Person("220722"), Hospital("220722", level), Inpatient(new DateOnly(2007, 6, 1), 10_000m)));

        Assert.Equal(Y(expectedYuan), b.FundsPaid.BasicPooled);
    }

    [Fact]
    public void P2_ordinary_outpatient_is_not_covered()
    {
        var visit = Visit(VisitType.Outpatient, new DateOnly(2007, 6, 1), Line(100m));
        var r = Reject(Input(Person("220722"), Hospital("220722", InstitutionLevel.Community), visit));

        Assert.Equal(RejectionCode.NotCovered, r.Code);
        Assert.Equal("P2-220722-2007", r.PackId);
    }

    [Fact]
    public void P2_outpatient_major_disease_deductible_is_charged_once_per_year()
    {
        var person = Person("220722");
        var hospital = Hospital("220722", InstitutionLevel.CountyOrHigher);
        var visit = Visit(VisitType.OutpatientMajorDisease, new DateOnly(2007, 6, 1), Line(1_000m)) with { DiseaseCode = "uraemia-dialysis" };
        var first = Engine.Compute(Input(person, hospital, visit));
        var second = Settle(Input(person, hospital, visit, first.YearToDateAfter));

        // first: (1,000 − 400) × 60% = 360; second: deductible already met, 1,000 × 60% = 600
        Assert.Equal(Y(360m), first.Breakdown!.FundsPaid.BasicPooled);
        Assert.Equal(Y(0m), second.DeductibleCharged);
        Assert.Equal(Y(600m), second.FundsPaid.BasicPooled);
    }

    [Fact]
    public void P2_hypertension_is_not_an_outpatient_major_disease()
    {
        var visit = Visit(VisitType.OutpatientMajorDisease, new DateOnly(2007, 6, 1), Line(300m)) with { DiseaseCode = "hypertension" };
        var r = Reject(Input(Person("220722"), Hospital("220722", InstitutionLevel.Community), visit));

        Assert.Equal(RejectionCode.NotCovered, r.Code);
    }

    [Fact]
    public void P2_students_are_covered_for_accidents_and_adults_are_not()
    {
        var visit = Visit(VisitType.Accident, new DateOnly(2007, 6, 1), Line(1_000m));
        var hospital = Hospital("220722", InstitutionLevel.Community);
        var student = Settle(Input(Person("220722", category: PersonCategory.StudentChild), hospital, visit));
        var adult = Reject(Input(Person("220722"), hospital, visit));

        Assert.Equal(Y(700m), student.FundsPaid.BasicPooled); // 1,000 × 70%
        Assert.Equal(RejectionCode.NotCovered, adult.Code);
    }
}
