using System.Text.Json;
using Medisettle.Interfaces.Settlement;
using Xunit;

namespace Medisettle.Interfaces.Tests.Settlement;


public sealed class YearToDateTests
{
    private static readonly AccumulatorDelta Delta = new()
    {
        BenefitYear = 2013,
        FundsPaid = new FundAmounts { BasicPooled = new Money(576_000), CriticalIllness = new Money(7), LargeAmount = new Money(3), MedicalAssistance = new Money(11) },
        EligibleCostCounted = new Money(1_000_000),
        YearlyDeductibleApplied = new Money(40_000),
        CriticalIllnessBase = new Money(424_000),
        SpecialDiseaseCode = "hypertension",
        SpecialDiseasePaid = new Money(300),
        AccountPaid = new Money(99),
    };

    [Fact]
    public void Apply_then_reverse_restores_exactly()
    {
        var before = YearToDate.Empty(2013) with { FundsPaid = new FundAmounts { BasicPooled = new Money(5) }, SpecialDiseasePaid = [new SpecialDiseaseAmount("diabetes", new Money(10))] };

        var after = before.Apply(Delta);

        Assert.Equal(new Money(576_005), after.FundsPaid.BasicPooled);
        Assert.Equal(new Money(300), after.SpecialDiseasePaidFor("hypertension"));
        Assert.Equal(["diabetes", "hypertension"], after.SpecialDiseasePaid.Select(d => d.DiseaseCode));
        Assert.Equal(before, after.Reverse(Delta));
    }

    [Fact]
    public void Reversing_what_was_never_applied_throws()
    {
        Assert.Throws<InvalidOperationException>(() => YearToDate.Empty(2013).Reverse(Delta));
    }

    [Fact]
    public void Delta_of_another_year_is_refused()
    {
        Assert.Throws<ArgumentException>(() => YearToDate.Empty(2014).Apply(Delta));
    }

    [Fact]
    public void Accumulators_round_trip_through_json()
    {
        var ytd = YearToDate.Empty(2013).Apply(Delta);

        var json = JsonSerializer.Serialize(ytd);
        var back = JsonSerializer.Deserialize<YearToDate>(json);

        Assert.Equal(ytd, back);
        Assert.Contains("\"FundsPaid\":{\"BasicPooled\":576000", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Profiles_and_visits_round_trip_through_json()
    {
        var visit = new Visit
        {
            VisitId = "V1",
            Type = VisitType.Inpatient,
            Date = new DateOnly(2013, 3, 2),
            AdmissionDate = new DateOnly(2013, 3, 1),
            DeclaredTotal = new Money(100),
            FeeLines = [new FeeLine { CatalogueCode = "A", Class = FeeClass.ClassB, Amount = new Money(100), PriceLimit = new Money(90), ItemKind = ItemKind.ApprovedDrug, SupplyDays = 7 }],
        };
        var person = new PersonProfile
        {
            PersonId = "P1",
            Scheme = Scheme.MergedResident,
            Category = PersonCategory.StudentChild,
            InsuredRegion = "990001",
            EnrolmentDate = new DateOnly(2013, 1, 1),
            PaymentDate = new DateOnly(2013, 1, 1),
            AssistanceStatuses = [AssistanceStatus.MinimumLivingAllowance],
        };

        var visitBack = JsonSerializer.Deserialize<Visit>(JsonSerializer.Serialize(visit))!;
        var personBack = JsonSerializer.Deserialize<PersonProfile>(JsonSerializer.Serialize(person))!;

        Assert.Equal(visit.FeeLines[0], visitBack.FeeLines[0]);
        Assert.Equal(visit with { FeeLines = visitBack.FeeLines }, visitBack);
        Assert.Equal(new DateOnly(2013, 3, 1), visitBack.DecisionDate);
        Assert.Equal(person.AssistanceStatuses, personBack.AssistanceStatuses);
        Assert.Equal(person with { AssistanceStatuses = personBack.AssistanceStatuses, SpecialDiseaseCertificates = personBack.SpecialDiseaseCertificates }, personBack);
    }
}
