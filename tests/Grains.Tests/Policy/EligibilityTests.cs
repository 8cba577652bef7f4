using Medisettle.Grains.Policy;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Settlement;
using Xunit;
using static Medisettle.Grains.Tests.Policy.Scenario;

namespace Medisettle.Grains.Tests.Policy;

/// <summary>Every refusal is a result with a reason code and a message naming what refused.</summary>
public sealed class EligibilityTests
{
    private static readonly DateOnly Day2013 = new(2013, 6, 1);

    [Fact]
    public void Empty_swipe_is_rejected()
    {
        var visit = Visit(VisitType.Inpatient, Day2013);
        Assert.Equal(RejectionCode.EmptySwipe, Reject(P0With(visit)).Code);
    }

    [Fact]
    public void Admission_after_the_settlement_date_is_rejected()
    {
        var visit = Inpatient(Day2013, 100m) with { AdmissionDate = Day2013.AddDays(1) };
        Assert.Equal(RejectionCode.InvalidVisit, Reject(P0With(visit)).Code);
    }

    [Theory]
    [InlineData(InstitutionLevel.Tier1, 480)] // (1,000 − 200) × 60%
    [InlineData(InstitutionLevel.Community, 480)]
    [InlineData(InstitutionLevel.Unrated, 480)]
    [InlineData(InstitutionLevel.Tier2, 360)] // (1,000 − 400) × 60%
    [InlineData(InstitutionLevel.Tier3, 360)]
    [InlineData(InstitutionLevel.CountyOrHigher, 360)]
    public void P0_has_a_rule_for_every_level(InstitutionLevel level, int expectedYuan)
    {
        var b = Settle(Input(Person("990001"), Hospital("990001", level), Inpatient(Day2013, 1_000m)));
        Assert.Equal(Y(expectedYuan), b.FundsPaid.BasicPooled);
    }

    [Fact]
    public void Negative_fee_line_is_rejected()
    {
        var visit = Visit(VisitType.Inpatient, Day2013, Line(100m), Line(-1m));
        Assert.Equal(RejectionCode.InvalidFeeLine, Reject(P0With(visit)).Code);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public void Fee_lines_must_add_up_to_the_declared_total(long offsetFen)
    {
        var visit = Visit(VisitType.Inpatient, Day2013, Line(100m));
        visit = visit with { DeclaredTotal = visit.DeclaredTotal + new Money(offsetFen) };
        Assert.Equal(RejectionCode.FeeTotalMismatch, Reject(P0With(visit)).Code);
    }

    [Theory]
    [InlineData(DesignationStatus.Suspended, RejectionCode.InstitutionSuspended)]
    [InlineData(DesignationStatus.Revoked, RejectionCode.InstitutionRevoked)]
    public void Suspended_or_revoked_institutions_are_rejected(DesignationStatus status, RejectionCode expected)
    {
        var hospital = Hospital("990001", InstitutionLevel.Tier3) with { Designation = status };
        Assert.Equal(expected, Reject(P0At(hospital)).Code);
    }

    [Theory]
    [InlineData(false, null, true)]
    [InlineData(true, "2013-06-02", true)] // networked from the day after
    [InlineData(true, "2013-06-01", false)] // networked from that day
    public void Institution_must_be_networked_on_the_date(bool networked, string? since, bool rejected)
    {
        var hospital = Hospital("990001", InstitutionLevel.Tier3) with { Networked = networked, NetworkedSince = since is null ? null : DateOnly.Parse(since, System.Globalization.CultureInfo.InvariantCulture) };
        var result = Engine.Compute(P0At(hospital));

        Assert.Equal(rejected, !result.IsSettled);
        if (rejected)
        {
            Assert.Equal(RejectionCode.InstitutionNotNetworked, result.Rejection!.Code);
        }
    }

    [Theory]
    [InlineData("350200", "350600", 2013, 1, 4, false)] // one day before the pair is enabled
    [InlineData("350200", "350600", 2013, 1, 5, true)]
    [InlineData("350200", "350500", 2013, 1, 5, true)]
    [InlineData("350600", "350200", 2014, 1, 1, false)] // the reverse direction is not enabled
    [InlineData("350500", "350200", 2014, 1, 1, false)]
    [InlineData("350200", "350100", 2014, 1, 1, false)] // no pair at all
    public void Offsite_pairs_by_direction_and_date(string insured, string treatment, int year, int month, int day, bool enabled)
    {
        var date = new DateOnly(year, month, day);
        var result = Engine.Compute(Input(Person(insured), Hospital(treatment, InstitutionLevel.Tier3), Inpatient(date, 100m)));

        Assert.Equal(enabled, Catalog.IsOffsiteEnabled(insured, treatment, date));

        // Enabled pairs pass the region check; 厦门 has no basic pack shipped, so they stop at pack selection.
        Assert.Equal(enabled ? RejectionCode.NoApplicablePack : RejectionCode.OffsitePairNotEnabled, result.Rejection!.Code);
    }

    [Fact]
    public void Offsite_settlement_uses_the_insured_region_policy()
    {
        var basic350200 = """
            { "id": "TEST-350200", "region": "350200", "schemes": ["UrbanResident"], "effectiveFrom": "2013-01-01", "source": "test",
              "basic": { "classBPreSelfPayRate": 0, "deductibles": [{ "levels": ["Tier3"], "amount": 500 }],
                "deductibleModes": [{ "visitType": "Inpatient", "mode": "PerVisit" }],
                "ratios": [{ "levels": ["Tier3"], "transfer": false, "rate": 0.7 }],
                "groups": [{ "name": "all", "categories": ["AdultResident"], "coveredVisitTypes": ["Inpatient"], "waitingPeriodMonths": 0, "annualCap": 100000, "capBasis": "FundPayment" }] } }
            """;
        var b = Settle(Input(Person("350200"), Hospital("350500", InstitutionLevel.Tier3), Inpatient(new DateOnly(2013, 1, 5), 10_000m)), EngineWith(basic350200));

        Assert.Equal(Y(6_650m), b.FundsPaid.BasicPooled); // (10,000 − 500) × 70% under 厦门 rules
    }

    [Fact]
    public void Not_yet_enrolled_and_suspended_people_are_rejected()
    {
        var later = Person("990001") with { EnrolmentDate = Day2013.AddDays(1) };
        var ended = Person("990001") with { EnrolmentEndDate = Day2013.AddDays(-1) };
        var suspended = Person("990001") with { BenefitsSuspended = true };

        Assert.Equal(RejectionCode.NotEnrolled, Reject(P0For(later)).Code);
        Assert.Equal(RejectionCode.NotEnrolled, Reject(P0For(ended)).Code);
        Assert.Equal(RejectionCode.BenefitsSuspended, Reject(P0For(suspended)).Code);
    }

    [Fact]
    public void Region_without_a_basic_pack_is_rejected()
    {
        var r = Reject(Input(Person("350500"), Hospital("350500", InstitutionLevel.Tier3), Inpatient(Day2013, 100m)));

        Assert.Equal(RejectionCode.NoApplicablePack, r.Code);
        Assert.Contains("350500", r.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Category_without_a_group_is_a_missing_rule()
    {
        var veteran = Employee("131000") with { Category = PersonCategory.Veteran };
        var r = Reject(Input(veteran, Hospital("131000", InstitutionLevel.Tier3), Inpatient(new DateOnly(2004, 9, 1), 100m)));

        Assert.Equal(RejectionCode.MissingRule, r.Code);
        Assert.Contains("Veteran", r.Message, StringComparison.Ordinal);
        Assert.Equal("P6-131000-2004b", r.PackId);
    }

    [Fact]
    public void P1_transfer_has_no_ratio_rule()
    {
        var visit = Inpatient(new DateOnly(2011, 5, 1), 1_000m) with { IsTransfer = true };
        var r = Reject(Input(Person("370705", Scheme.MergedResident), Hospital("370705", InstitutionLevel.Tier3), visit));

        Assert.Equal(RejectionCode.MissingRule, r.Code);
        Assert.Contains("transfer True", r.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hypertension", 28, false)]
    [InlineData("hypertension", 29, true)]
    [InlineData("diabetes", 29, true)]
    [InlineData("severe-mental-illness", 30, true)]
    [InlineData("malignant-tumour", 90, false)] // not a chronic long-prescription condition
    public void Chronic_prescriptions_longer_than_28_days_are_rejected(string disease, int days, bool rejected)
    {
        var person = Person("990001") with { SpecialDiseaseCertificates = [disease] };
        var visit = Visit(VisitType.SpecialDiseaseOutpatient, Day2013, Line(200m, kind: ItemKind.ApprovedDrug, supplyDays: days)) with { DiseaseCode = disease };
        var result = Engine.Compute(Input(person, Hospital("990001", InstitutionLevel.Tier3), visit));

        Assert.Equal(rejected, !result.IsSettled);
        if (rejected)
        {
            Assert.Equal(RejectionCode.PrescriptionTooLong, result.Rejection!.Code);
        }
    }

    [Fact]
    public void Special_disease_needs_the_certificate()
    {
        var visit = Visit(VisitType.SpecialDiseaseOutpatient, Day2013, Line(200m)) with { DiseaseCode = "epilepsy" };
        Assert.Equal(RejectionCode.NoSpecialDiseaseCertificate, Reject(P0With(visit)).Code);
    }

    [Theory]
    [InlineData("end-stage-renal-disease", 0, 100_000, 80_000)] // no cap: 80%
    [InlineData("hypertension", 0, 10_000, 3_000)] // 70% = 7,000 → cap 3,000
    [InlineData("hypertension", 2_999.99, 10_000, 0.01)]
    [InlineData("peptic-ulcer", 1_000, 1_000, 700)] // 70%, room 1,000
    [InlineData("diabetes", 0, 1_000, 800)] // one of the four 80% diseases with cap 5,000
    public void Special_disease_ratio_and_per_disease_cap(string disease, decimal paidBeforeYuan, decimal inScopeYuan, decimal expectedYuan)
    {
        var person = Person("990001") with { SpecialDiseaseCertificates = [disease] };
        var ytd = YearToDate.Empty(2013) with { SpecialDiseasePaid = paidBeforeYuan == 0 ? [] : [new SpecialDiseaseAmount(disease, Y(paidBeforeYuan))] };
        var visit = Visit(VisitType.SpecialDiseaseOutpatient, Day2013, Line(inScopeYuan)) with { DiseaseCode = disease };
        var result = Engine.Compute(Input(person, Hospital("990001", InstitutionLevel.Tier3), visit, ytd));

        Assert.Equal(Y(expectedYuan), result.Breakdown!.FundsPaid.BasicPooled);
        Assert.Equal(Y(paidBeforeYuan + expectedYuan), result.YearToDateAfter!.SpecialDiseasePaidFor(disease));
    }

    /// <summary>P0 adult at a tier-3 hospital with a 1,000 inpatient stay; change one part.</summary>
    private static EngineInput P0With(Visit visit) => Input(Person("990001"), Hospital("990001", InstitutionLevel.Tier3), visit);

    private static EngineInput P0At(InstitutionProfile hospital) => Input(Person("990001"), hospital, Inpatient(Day2013, 1_000m));

    private static EngineInput P0For(PersonProfile person) => Input(person, Hospital("990001", InstitutionLevel.Tier3), Inpatient(Day2013, 1_000m));
}
