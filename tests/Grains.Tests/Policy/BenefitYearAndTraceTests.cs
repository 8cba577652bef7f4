using System.Text.Json;
using Medisettle.Grains.Policy;
using Medisettle.Interfaces.Settlement;
using Xunit;
using static Medisettle.Grains.Tests.Policy.Scenario;

namespace Medisettle.Grains.Tests.Policy;

/// <summary>Benefit-year handling, the rule trace, and the breakdown as persisted JSON.</summary>
public sealed class BenefitYearAndTraceTests
{
    [Fact]
    public void Accumulators_of_an_earlier_year_start_the_new_year_from_zero()
    {
        var lastYear = YearToDate.Empty(2012) with { FundsPaid = new FundAmounts { BasicPooled = Y(40_000m) } };
        var result = Engine.Compute(Input(Person("990001"), Hospital("990001", InstitutionLevel.Tier3), Inpatient(new DateOnly(2013, 1, 1), 10_000m), lastYear));

        Assert.Equal(Y(5_760m), result.Breakdown!.FundsPaid.BasicPooled); // a fresh 40,000 cap on 1 January
        Assert.Equal(2013, result.YearToDateAfter!.BenefitYear);
        Assert.Equal(Y(5_760m), result.YearToDateAfter.FundsPaid.BasicPooled);
    }

    [Fact]
    public void Accumulators_of_a_later_year_are_a_caller_error()
    {
        var nextYear = YearToDate.Empty(2014);

        Assert.Throws<ArgumentException>(() => Engine.Compute(Input(Person("990001"), Hospital("990001", InstitutionLevel.Tier3), Inpatient(new DateOnly(2013, 6, 1), 100m), nextYear)));
    }

    [Fact]
    public void A_stay_admitted_in_december_counts_in_the_admission_year()
    {
        var visit = Inpatient(new DateOnly(2014, 1, 10), 10_000m) with { AdmissionDate = new DateOnly(2013, 12, 20) };
        var ytd = YearToDate.Empty(2013) with { FundsPaid = new FundAmounts { BasicPooled = Y(38_000m) } };
        var b = Settle(Input(Person("990001"), Hospital("990001", InstitutionLevel.Tier3), visit, ytd));

        Assert.Equal(2013, b.BenefitYear);
        Assert.Equal(Y(2_000m), b.FundsPaid.BasicPooled); // the 2013 cap: room 2,000
        Assert.Equal(new DateOnly(2014, 1, 10), b.SettlementDate);
    }

    [Theory]
    [InlineData(1, 2013)]
    [InlineData(7, 2012)]
    public void Benefit_year_start_month_is_respected(int startMonth, int expectedYear)
    {
        Assert.Equal(expectedYear, SettlementEngine.BenefitYearOf(new DateOnly(2013, 3, 1), startMonth));
    }

    [Fact]
    public void Every_fund_line_names_its_pack_rule()
    {
        var person = Person("990001") with { HasLargeAmountAddOn = true, AssistanceStatuses = [AssistanceStatus.MinimumLivingAllowance] };
        var b = Settle(Input(person, Hospital("990001", InstitutionLevel.Tier3), Inpatient(new DateOnly(2013, 3, 1), 100_000m)));

        Assert.Equal(
            ["P0-990001-resident basic group 'adults'", "P0-990001-resident largeAmount", "P0-990001-resident criticalIllness 'residents'", "P0-990001-resident assistance.rate"],
            b.FundLines.Select(l => l.ProcessInfo[..l.ProcessInfo.IndexOf(':', StringComparison.Ordinal)]));

        // basic 40,000; 大额 19,760; 大病 5,120; assistance (100,000 − 64,880) × 60% = 21,072; cash 14,048
        Assert.Equal([Y(40_000m), Y(19_760m), Y(5_120m), Y(21_072m)], b.FundLines.Select(l => l.AmountPaid));
        Assert.Equal(Y(14_048m), b.CashPaid);
        Assert.StartsWith("pack P0-990001-resident", b.Trace[0], StringComparison.Ordinal);
        Assert.StartsWith("split: total 100000.00 = funds 85952.00 + account 0.00 + cash 14048.00", b.Trace[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Breakdown_round_trips_through_json()
    {
        var person = Person("990001") with { AssistanceStatuses = [AssistanceStatus.MinimumLivingAllowance] };
        var b = Settle(Input(person, Hospital("990001", InstitutionLevel.Tier3), Inpatient(new DateOnly(2013, 3, 1), 100_000m)));

        var json = JsonSerializer.Serialize(b);
        var back = JsonSerializer.Deserialize<SettlementBreakdown>(json)!;

        Assert.Equal(json, JsonSerializer.Serialize(back));
        Assert.Equal(b.Delta, back.Delta);
        Assert.Equal(b.FundLines, back.FundLines);
    }
}
