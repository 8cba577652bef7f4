using Medisettle.Interfaces;
using Medisettle.Interfaces.Settlement;
using Xunit;
using static Medisettle.Grains.Tests.Policy.Scenario;

namespace Medisettle.Grains.Tests.Policy;

/// <summary>At, one fen below and one fen above each deductible and cap edge; rounding; waiting period.</summary>
public sealed class BoundaryTests
{
    private static readonly DateOnly Day2011 = new(2011, 5, 1);
    private static readonly DateOnly Day2007 = new(2007, 6, 1);
    private static readonly DateOnly Day2013 = new(2013, 6, 1);

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(69_999, 69_999, 0)] // one fen below the 700 deductible: all deductible
    [InlineData(70_000, 70_000, 0)] // at the deductible: nothing left to pay
    [InlineData(70_001, 70_000, 1)] // one fen above: 1 × 55% = 0.55 fen → 1 fen (half away from zero)
    [InlineData(70_010, 70_000, 6)] // 10 × 55% = 5.5 fen → 6 fen
    [InlineData(100_001, 70_000, 16_501)] // 30,001 × 55% = 16,500.55 → 16,501
    public void P1_deductible_edges_and_rounding(long inScopeFen, long expectedDeductibleFen, long expectedFundFen)
    {
        var visit = Visit(VisitType.Inpatient, Day2011, Line(new Money(inScopeFen).ToYuan()));
        var b = Settle(Input(Person("370705", Scheme.MergedResident), Hospital("370705", InstitutionLevel.Tier3), visit));

        Assert.Equal(new Money(expectedDeductibleFen), b.DeductibleCharged);
        Assert.Equal(new Money(expectedFundFen), b.FundsPaid.BasicPooled);
        Assert.Equal(new Money(inScopeFen - expectedFundFen), b.CashPaid);
    }

    [Theory]
    [InlineData(3_424_000, 576_000)] // room exactly 5,760.00 = the uncapped payment
    [InlineData(3_424_001, 575_999)] // room one fen less: capped at 5,759.99
    [InlineData(3_423_999, 576_000)] // room one fen more: uncapped 5,760.00
    [InlineData(4_000_000, 0)] // cap used up
    public void P0_fund_payment_cap_edges(long basicPaidBeforeFen, long expectedFundFen)
    {
        // (10,000 − 400) × 60% = 5,760.00; cap 40,000 on basic fund paid
        var ytd = YearToDate.Empty(2013) with { FundsPaid = new FundAmounts { BasicPooled = new Money(basicPaidBeforeFen) } };
        var b = Settle(Input(Person("990001"), Hospital("990001", InstitutionLevel.Tier3), Inpatient(Day2013, 10_000m), ytd));

        Assert.Equal(new Money(expectedFundFen), b.FundsPaid.BasicPooled);
        Assert.Equal(new Money(4_000_000 - basicPaidBeforeFen), FundLineOf(b, FundType.BasicPooled).CapAmount);
        Assert.Equal(new Money(basicPaidBeforeFen + expectedFundFen), Engine.Compute(Input(Person("990001"), Hospital("990001", InstitutionLevel.Tier3), Inpatient(Day2013, 10_000m), ytd)).YearToDateAfter!.FundsPaid.BasicPooled);
    }

    [Theory]
    [InlineData(3_000_000, 576_000)] // room 10,000.00: (10,000 − 400) × 60% = 5,760.00
    [InlineData(3_000_001, 575_999)] // room 9,999.99: (9,999.99 − 400) × 60% = 5,759.994 → 5,759.99
    [InlineData(2_999_999, 576_000)] // room 10,000.01: whole visit within cap, 5,760.00
    [InlineData(3_960_000, 0)] // room 400 = the deductible: nothing payable
    [InlineData(4_000_000, 0)] // no room
    public void P2_eligible_cost_cap_edges(long eligibleCountedBeforeFen, long expectedFundFen)
    {
        var ytd = YearToDate.Empty(2007) with { EligibleCostCounted = new Money(eligibleCountedBeforeFen) };
        var result = Engine.Compute(Input(Person("220722"), Hospital("220722", InstitutionLevel.CountyOrHigher), Inpatient(Day2007, 10_000m), ytd));

        Assert.True(result.IsSettled);
        Assert.Equal(new Money(expectedFundFen), result.Breakdown.FundsPaid.BasicPooled);
        Assert.Equal(new Money(eligibleCountedBeforeFen + 1_000_000), result.YearToDateAfter.EligibleCostCounted);
    }

    [Fact]
    public void Cap_basis_eligible_cost_and_fund_payment_differ_on_the_same_history()
    {
        // Same person history: 35,000 eligible cost counted and 20,760 basic paid earlier this year.
        var ytd = new YearToDate { BenefitYear = 2007, EligibleCostCounted = Y(35_000m), FundsPaid = new FundAmounts { BasicPooled = Y(20_760m) } };

        // P2 (eligibleCost): room 5,000 → (5,000 − 400) × 60% = 2,760
        var p2 = Settle(Input(Person("220722"), Hospital("220722", InstitutionLevel.CountyOrHigher), Inpatient(Day2007, 10_000m), ytd));

        // P0 (fundPayment): room 40,000 − 20,760 = 19,240 ≥ 5,760 → 5,760
        var p0 = Settle(Input(Person("990001"), Hospital("990001", InstitutionLevel.CountyOrHigher), Inpatient(Day2007, 10_000m), ytd));

        Assert.Equal(Y(2_760m), p2.FundsPaid.BasicPooled);
        Assert.Equal(Y(5_760m), p0.FundsPaid.BasicPooled);
    }

    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 3_000)] // beyond-cap payable (9,600 − 4,600) × 60% = 3,000
    public void P2_large_amount_pays_beyond_the_eligible_cost_cap_only_with_the_add_on(bool addOn, int expectedLargeYuan)
    {
        var ytd = YearToDate.Empty(2007) with { EligibleCostCounted = Y(35_000m) };
        var person = Person("220722") with { HasLargeAmountAddOn = addOn };
        var b = Settle(Input(person, Hospital("220722", InstitutionLevel.CountyOrHigher), Inpatient(Day2007, 10_000m), ytd));

        Assert.Equal(Y(2_760m), b.FundsPaid.BasicPooled);
        Assert.Equal(Y(expectedLargeYuan), b.FundsPaid.LargeAmount);
        Assert.Equal(Y(10_000m - 2_760m - expectedLargeYuan), b.CashPaid);
    }

    [Theory]
    [InlineData(12_999_999, 1)] // large-amount room one fen: pays 0.01
    [InlineData(13_000_000, 0)] // large-amount cap reached
    [InlineData(12_800_000, 200_000)] // room 2,000 < 3,760 → 2,000
    [InlineData(12_624_000, 376_000)] // room exactly 3,760 → 3,760
    public void P0_large_amount_cap_edges(long largePaidBeforeFen, long expectedLargeFen)
    {
        // basic room 2,000 of uncapped 5,760; 3,760 beyond the cap goes to 大额 (cap 130,000)
        var ytd = YearToDate.Empty(2013) with { FundsPaid = new FundAmounts { BasicPooled = Y(38_000m), LargeAmount = new Money(largePaidBeforeFen) } };
        var person = Person("990001") with { HasLargeAmountAddOn = true };
        var b = Settle(Input(person, Hospital("990001", InstitutionLevel.Tier3), Inpatient(Day2013, 10_000m), ytd));

        Assert.Equal(Y(2_000m), b.FundsPaid.BasicPooled);
        Assert.Equal(new Money(expectedLargeFen), b.FundsPaid.LargeAmount);
    }

    [Theory]
    [InlineData(2007, 4, 9, false)] // paid 2007-01-10 + 3 months = 2007-04-10; the 9th is still waiting
    [InlineData(2007, 4, 10, true)]
    [InlineData(2007, 4, 11, true)]
    public void P2_adult_waiting_period_boundary_day(int year, int month, int day, bool covered)
    {
        var person = Person("220722", paid: new DateOnly(2007, 1, 10)) with { EnrolmentDate = new DateOnly(2007, 1, 10) };
        var result = Engine.Compute(Input(person, Hospital("220722", InstitutionLevel.Community), Inpatient(new DateOnly(year, month, day), 1_000m)));

        Assert.Equal(covered, result.IsSettled);
        if (!covered)
        {
            Assert.Equal(RejectionCode.WaitingPeriod, result.Rejection!.Code);
            Assert.Contains("2007-04-10", result.Rejection.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void P2_students_have_no_waiting_period()
    {
        var person = Person("220722", category: PersonCategory.StudentChild, paid: new DateOnly(2007, 1, 10)) with { EnrolmentDate = new DateOnly(2007, 1, 10) };
        var b = Settle(Input(person, Hospital("220722", InstitutionLevel.Community), Inpatient(new DateOnly(2007, 1, 10), 1_000m)));

        Assert.Equal(Y(700m), b.FundsPaid.BasicPooled); // 1,000 × 70%, no deductible
    }

    [Fact]
    public void Fee_classification_splits_class_c_over_limit_and_class_b_share()
    {
        // P0: class A 1,000; class B 500 (10% 先行自付 = 50); class C 200; class A 300 with limit 250 (50 over the limit)
        var visit = Visit(VisitType.Inpatient, Day2013, Line(1_000m), Line(500m, FeeClass.ClassB), Line(200m, FeeClass.ClassC), Line(300m, priceLimitYuan: 250m));
        var b = Settle(Input(Person("990001"), Hospital("990001", InstitutionLevel.Tier3), visit));

        Assert.Equal(Y(2_000m), b.TotalAmount);
        Assert.Equal(Y(200m), b.FullOwnPay);
        Assert.Equal(Y(50m), b.OverLimitSelfPay);
        Assert.Equal(Y(50m), b.PreSelfPay);
        Assert.Equal(Y(1_700m), b.InScopeAmount); // 2,000 − 200 − 50 − 50
        Assert.Equal(Y(780m), b.FundsPaid.BasicPooled); // (1,700 − 400) × 60%
        Assert.Equal(Y(1_220m), b.CashPaid);
    }

    [Fact]
    public void Class_b_share_is_rounded_once_on_the_class_b_total()
    {
        // two class-B lines of 0.05: 10% of each is 0.5 fen; of the total 0.10 it is exactly 1 fen
        var visit = Visit(VisitType.Inpatient, Day2013, Line(0.05m, FeeClass.ClassB), Line(0.05m, FeeClass.ClassB) with { CatalogueCode = "B2" });
        var b = Settle(Input(Person("990001"), Hospital("990001", InstitutionLevel.Tier3), visit));

        Assert.Equal(new Money(1), b.PreSelfPay);
        Assert.Equal(new Money(9), b.InScopeAmount);
    }
}
