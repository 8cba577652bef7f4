using Medisettle.Interfaces;
using Medisettle.Interfaces.Settlement;
using Xunit;
using static Medisettle.Grains.Tests.Policy.Scenario;

namespace Medisettle.Grains.Tests.Policy;

/// <summary>个人账户 (employees): balance limit, item-kind rules at pharmacies, and the 廊坊 packs.</summary>
public sealed class PersonalAccountTests
{
    private static readonly DateOnly Day2004 = new(2004, 9, 1);

    [Theory]
    [InlineData(ItemKind.ApprovedDrug)]
    [InlineData(ItemKind.ChineseHerbalPieces)]
    [InlineData(ItemKind.MedicalDevice)]
    [InlineData(ItemKind.Disinfectant)]
    public void Pharmacy_allowed_item_kinds_are_paid_from_the_account(ItemKind kind)
    {
        var visit = Visit(VisitType.Pharmacy, Day2004, Line(120m, kind: kind));
        var b = Settle(Input(Employee("131000"), Pharmacy("131000"), visit, accountYuan: 500m));

        Assert.Equal(Y(0m), b.FundPaySum);
        Assert.Empty(b.FundLines);
        Assert.Equal(Y(120m), b.AccountPaid);
        Assert.Equal(Y(0m), b.CashPaid);
        Assert.Equal(Y(380m), b.AccountBalanceAfter);
    }

    [Theory]
    [InlineData(ItemKind.Cosmetic)]
    [InlineData(ItemKind.Food)]
    [InlineData(ItemKind.Supplement)]
    public void Pharmacy_non_insured_goods_reject_the_settlement_naming_the_line(ItemKind kind)
    {
        var visit = Visit(VisitType.Pharmacy, Day2004, Line(30m, kind: ItemKind.ApprovedDrug), Line(88m, FeeClass.ClassC, kind) with { CatalogueCode = "X-GOODS" });
        var r = Reject(Input(Employee("131000"), Pharmacy("131000"), visit, accountYuan: 500m));

        Assert.Equal(RejectionCode.NonInsuredGoods, r.Code);
        Assert.Contains("X-GOODS", r.Message, StringComparison.Ordinal);
        Assert.Contains(kind.ToString(), r.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 0, 300)]
    [InlineData(100, 100, 200)]
    [InlineData(299.99, 299.99, 0.01)]
    [InlineData(300, 300, 0)]
    [InlineData(300.01, 300, 0)]
    public void Account_pays_up_to_its_balance(decimal balanceYuan, decimal expectedAccountYuan, decimal expectedCashYuan)
    {
        var visit = Visit(VisitType.Pharmacy, Day2004, Line(300m, kind: ItemKind.ApprovedDrug));
        var b = Settle(Input(Employee("131000"), Pharmacy("131000"), visit, accountYuan: balanceYuan));

        Assert.Equal(Y(expectedAccountYuan), b.AccountPaid);
        Assert.Equal(Y(expectedCashYuan), b.CashPaid);
        Assert.Equal(Y(balanceYuan - expectedAccountYuan), b.AccountBalanceAfter);
    }

    [Fact]
    public void Employee_inpatient_fund_80_percent_then_account_then_cash()
    {
        var b = Settle(Input(Employee("131000"), Hospital("131000", InstitutionLevel.Tier2), Inpatient(Day2004, 10_000m), accountYuan: 1_500m));

        // 10,000 × 80% = 8,000 (deductible 0); personal 2,000: account 1,500, cash 500
        Assert.Equal(Y(0m), b.DeductibleCharged);
        Assert.Equal(Y(8_000m), b.FundsPaid.BasicPooled);
        Assert.Equal(Y(2_000m), b.PersonalPart);
        Assert.Equal(Y(1_500m), b.AccountPaid);
        Assert.Equal(Y(500m), b.CashPaid);
        Assert.Equal(Money.Zero, b.AccountBalanceAfter);
    }

    [Fact]
    public void Residents_have_no_personal_account()
    {
        var b = Settle(Input(Person("990001"), Hospital("990001", InstitutionLevel.Tier3), Inpatient(Day2004, 1_000m), accountYuan: 1_000m));

        Assert.Equal(Y(0m), b.AccountPaid);
        Assert.Equal(Y(1_000m), b.AccountBalanceAfter);
    }

    [Theory]
    [InlineData(2004, 6, 30, 1_000)] // cap 35,000, paid 34,000 → room 1,000
    [InlineData(2004, 7, 1, 7_000)] // cap 41,000 → room 7,000 ≥ 10,000 × 80% − ... = 8,000 → 7,000
    [InlineData(2004, 7, 2, 7_000)]
    public void Langfang_cap_switches_from_35000_to_41000_on_2004_07_01(int year, int month, int day, int expectedYuan)
    {
        var ytd = YearToDate.Empty(2004) with { FundsPaid = new FundAmounts { BasicPooled = Y(34_000m) } };
        var b = Settle(Input(Employee("131000"), Hospital("131000", InstitutionLevel.Tier3), Inpatient(new DateOnly(year, month, day), 10_000m), ytd));

        Assert.Equal(Y(expectedYuan), b.FundsPaid.BasicPooled);
        Assert.Equal(month == 6 ? "P6-131000-2004a" : "P6-131000-2004b", b.PackIds[0]);
    }

    [Fact]
    public void Langfang_admission_date_decides_the_pack_for_a_stay_across_the_switch()
    {
        var ytd = YearToDate.Empty(2004) with { FundsPaid = new FundAmounts { BasicPooled = Y(34_000m) } };
        var visit = Inpatient(new DateOnly(2004, 7, 5), 10_000m) with { AdmissionDate = new DateOnly(2004, 6, 28) };
        var b = Settle(Input(Employee("131000"), Hospital("131000", InstitutionLevel.Tier3), visit, ytd));

        Assert.Equal(Y(1_000m), b.FundsPaid.BasicPooled);
        Assert.Equal("P6-131000-2004a", b.PackIds[0]);
    }

    [Fact]
    public void Resident_pharmacy_purchase_is_not_covered()
    {
        var visit = Visit(VisitType.Pharmacy, Day2004, Line(50m, kind: ItemKind.ApprovedDrug));
        var r = Reject(Input(Person("990001"), Pharmacy("990001"), visit));

        Assert.Equal(RejectionCode.NotCovered, r.Code);
    }
}
