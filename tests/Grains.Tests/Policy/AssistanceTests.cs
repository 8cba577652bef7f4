using Medisettle.Interfaces.Settlement;
using Xunit;
using static Medisettle.Grains.Tests.Policy.Scenario;

namespace Medisettle.Grains.Tests.Policy;

/// <summary>医疗救助 after basic, 大额 and 大病 in one settlement (Gansu, Ningbo and 磐安 styles).</summary>
public sealed class AssistanceTests
{
    private static readonly DateOnly Day2013 = new(2013, 3, 1);

    /// <summary>A basic layer for the assistance-only regions, so they can settle (test data, not a seed pack).</summary>
    private static string BasicPackFor(string region) => $$"""
        {
          "id": "TEST-{{region}}-basic", "region": "{{region}}", "schemes": ["MergedResident"], "effectiveFrom": "2000-01-01",
          "source": "test", "basic": {
            "classBPreSelfPayRate": 0,
            "deductibles": [{ "levels": ["Tier3"], "amount": 0 }],
            "deductibleModes": [{ "visitType": "Inpatient", "mode": "PerVisit" }, { "visitType": "Outpatient", "mode": "None" }],
            "ratios": [{ "levels": ["Tier3"], "transfer": false, "rate": 0.5 }],
            "groups": [{ "name": "all", "categories": ["AdultResident"], "coveredVisitTypes": ["Inpatient", "Outpatient"],
                         "waitingPeriodMonths": 0, "annualCap": 100000, "capBasis": "FundPayment" }] } }
        """;

    [Fact]
    public void P0_dibao_gets_assistance_after_basic_and_critical_illness_in_one_settlement()
    {
        var person = Person("990001") with { AssistanceStatuses = [AssistanceStatus.MinimumLivingAllowance] };
        var b = Settle(Input(person, Hospital("990001", InstitutionLevel.Tier3), Inpatient(Day2013, 100_000m)));

        // basic min((100,000 − 400) × 60%, 40,000) = 40,000; 大病 base 60,000, E 30,000 → 15,000;
        // assistance (100,000 − 40,000 − 15,000) × 60% = 27,000; cash 18,000
        Assert.Equal(Y(40_000m), b.FundsPaid.BasicPooled);
        Assert.Equal(Y(15_000m), b.FundsPaid.CriticalIllness);
        Assert.Equal(Y(27_000m), b.FundsPaid.MedicalAssistance);
        Assert.Equal(Y(82_000m), b.FundPaySum);
        Assert.Equal(Y(18_000m), b.CashPaid);
        Assert.Equal([FundType.BasicPooled, FundType.CriticalIllness, FundType.MedicalAssistance], b.FundLines.Select(l => l.FundType));
        Assert.Equal(Y(45_000m), FundLineOf(b, FundType.MedicalAssistance).InScopeAmount);
    }

    [Theory]
    [InlineData(0, 27_000)]
    [InlineData(10_000, 20_000)] // room 20,000 < 27,000
    [InlineData(29_999.99, 0.01)]
    [InlineData(30_000, 0)]
    public void P0_assistance_annual_cap_30000(decimal paidBeforeYuan, decimal expectedYuan)
    {
        var person = Person("990001") with { AssistanceStatuses = [AssistanceStatus.ExtremePoverty] };
        var ytd = YearToDate.Empty(2013) with { FundsPaid = new FundAmounts { MedicalAssistance = Y(paidBeforeYuan) } };
        var b = Settle(Input(person, Hospital("990001", InstitutionLevel.Tier3), Inpatient(Day2013, 100_000m), ytd));

        Assert.Equal(Y(expectedYuan), b.FundsPaid.MedicalAssistance);
    }

    [Fact]
    public void People_without_a_status_get_no_assistance_line()
    {
        var b = Settle(Input(Person("990001"), Hospital("990001", InstitutionLevel.Tier3), Inpatient(Day2013, 1_000m)));

        Assert.DoesNotContain(b.FundLines, l => l.FundType == FundType.MedicalAssistance);
    }

    [Theory]
    [InlineData(49_999.99, 0)] // below the 50,000 minimum: nothing
    [InlineData(50_000, 12_500)] // (50,000 − 25,000) × 50% = 12,500
    [InlineData(100_000, 20_000)] // (100,000 − 50,000) × 50% = 25,000 → cap 20,000
    public void Ningbo_only_from_50000_eligible_cost_and_at_most_20000(decimal inScopeYuan, decimal expectedYuan)
    {
        var engine = EngineWith(BasicPackFor("330200"));
        var person = Person("330200", Scheme.MergedResident) with { AssistanceStatuses = [AssistanceStatus.MinimumLivingAllowance] };
        var b = Settle(Input(person, Hospital("330200", InstitutionLevel.Tier3), Inpatient(Day2013, inScopeYuan)), engine);

        Assert.Equal(Y(expectedYuan), b.FundsPaid.MedicalAssistance);
    }

    [Fact]
    public void Panan_poor_psychiatric_patient_gets_all_outpatient_drug_self_pay()
    {
        var engine = EngineWith(BasicPackFor("330727"));
        var person = Person("330727", Scheme.MergedResident) with { AssistanceStatuses = [AssistanceStatus.PoorPsychiatricPatient] };
        var visit = Visit(VisitType.Outpatient, Day2013, Line(300m, kind: ItemKind.ApprovedDrug)) with { DiseaseCode = "severe-mental-illness" };
        var b = Settle(Input(person, Hospital("330727", InstitutionLevel.Tier3), visit), engine);

        // basic 300 × 50% = 150; assistance 100% of the remaining 150; cash 0
        Assert.Equal(Y(150m), b.FundsPaid.BasicPooled);
        Assert.Equal(Y(150m), b.FundsPaid.MedicalAssistance);
        Assert.Equal(Y(0m), b.CashPaid);
        Assert.Contains("outpatientDrugRule", FundLineOf(b, FundType.MedicalAssistance).ProcessInfo, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2012, 40_000)]
    [InlineData(2013, 80_000)]
    public void Panan_cap_raised_from_40000_to_80000(int year, int expectedCapYuan)
    {
        var engine = EngineWith(BasicPackFor("330727"));
        var person = Person("330727", Scheme.MergedResident) with { AssistanceStatuses = [AssistanceStatus.MinimumLivingAllowance] };
        var b = Settle(Input(person, Hospital("330727", InstitutionLevel.Tier3), Inpatient(new DateOnly(year, 6, 1), 1_000_000m)), engine);

        // basic 50,000 × ... capped at 100,000; remaining 900,000 × 60% = 540,000 → capped
        Assert.Equal(Y(expectedCapYuan), b.FundsPaid.MedicalAssistance);
    }
}
