using Medisettle.Grains.Jobs;
using Medisettle.Grains.Policy;
using Medisettle.Grains.PolicyPacks;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Jobs;
using Medisettle.Interfaces.Settlement;
using Xunit;

namespace Medisettle.Grains.Tests.Jobs;

/// <summary>
/// The insurer cooperation's rules (S2 第3篇) with the seed's numbers, as shipped in pack JD-330182-2012: 464 yuan per
/// person, a 10,000,000 risk fund, 1,000,000 first premium, 四六预结算, bands 45/50/55/60 % up to 10 % of the premium.
/// 300,000 insured persons make a target of 139,200,000 (1/12: 11,600,000).
/// </summary>
public sealed class InsurerCooperationTests
{
    private const string Fund = "330182:MergedResident:BasicPooled";

    private static readonly InsurerCooperationRule Rule = LoadRule();

    private static readonly InsurerAgreement Agreement = new() { Fund = Fund, Year = 2012, InsuredPersons = 300_000 };

    [Fact]
    public void The_shipped_pack_has_the_seed_numbers()
    {
        Assert.Equal(Money.Yuan(464), Rule.PerCapitaTarget);
        Assert.Equal((Money.Yuan(10_000_000), Money.Yuan(1_000_000), 0.40m, 0.10m), (Rule.RiskFundPerYear, Rule.FirstPremium, Rule.InsurerPreSettlementShare, Rule.BandCapPremiumRate));
        Assert.Equal([(Money.Yuan(3_000_000), 0.45m), (Money.Yuan(6_000_000), 0.50m), (Money.Yuan(9_000_000), 0.55m), ((Money?)null, 0.60m)],
            Rule.Bands.Select(b => (b.UpTo, b.Rate)));
        Assert.Equal((0.10m, 0.0001m), (Rule.ComplaintDeductionRate, Rule.MissedWarningDeductionRate));
        Assert.Equal(Money.Yuan(139_200_000), InsurerCooperation.Target(Rule, 300_000));
    }

    [Fact]
    public void January_pays_the_risk_fund_and_a_twelfth_of_the_target_and_february_pre_settles_60_percent_of_premium_less_claims()
    {
        var january = InsurerCooperation.MonthLine(Fund, "JD", Rule, Agreement, new BusinessMonth(2012, 1), Money.Yuan(10_000_000), null);
        var february = InsurerCooperation.MonthLine(Fund, "JD", Rule, Agreement, new BusinessMonth(2012, 2), Money.Yuan(21_000_000), january);
        var march = InsurerCooperation.MonthLine(Fund, "JD", Rule, Agreement, new BusinessMonth(2012, 3), Money.Yuan(33_000_000), february);

        Assert.Equal((Money.Yuan(10_000_000), Money.Yuan(10_000_000), Money.Yuan(11_600_000), Money.Zero), (january.RiskFund, january.Claims, january.Premium, january.PreSettlement));
        Assert.Equal("330182:MergedResident:InsurerRiskAccount", january.RiskAccount);
        // February: claims 11,000,000 = premium; premium − claims to date 22,600,000 − 21,000,000 = 1,600,000; 60 % = 960,000.
        Assert.Equal((Money.Zero, Money.Yuan(11_000_000), Money.Yuan(11_000_000), Money.Yuan(960_000)), (february.RiskFund, february.Claims, february.Premium, february.PreSettlement));
        Assert.Equal((Money.Yuan(12_000_000), Money.Zero, Money.Yuan(960_000)), (march.Premium, march.PreSettlement, march.PreSettledToDate));
        Assert.Equal((Money.Yuan(34_600_000), Money.Yuan(33_000_000)), (march.PremiumToDate, march.ClaimsToDate));
    }

    [Theory]
    [InlineData(0, 1_000_000)]             // 20,000 persons: 1/12 of 9,280,000 is 773,333.33, less than the first premium
    [InlineData(100_000, 1_000_000)]
    [InlineData(12_000_000, 12_000_000)]   // claims above both: the premium is at least the claims
    public void January_premium_is_the_most_of_the_first_premium_a_twelfth_of_the_target_and_the_claims(long claimsYuan, long premiumYuan)
    {
        var line = InsurerCooperation.MonthLine(Fund, "JD", Rule, Agreement with { InsuredPersons = 20_000 }, new BusinessMonth(2012, 1), Money.Yuan(claimsYuan), null);

        Assert.Equal(Money.Yuan(premiumYuan), line.Premium);
    }

    [Fact]
    public void A_twelfth_of_the_target_is_rounded_to_the_fen()
    {
        var line = InsurerCooperation.MonthLine(Fund, "JD", Rule, Agreement with { InsuredPersons = 100_000 }, new BusinessMonth(2012, 1), Money.Zero, null);

        Assert.Equal(Money.FromYuan(3_866_666.67m), line.Premium); // 46,400,000 / 12 = 3,866,666.666…
    }

    [Fact]
    public void Spending_that_went_down_claims_nothing_and_the_shortfall_is_carried()
    {
        var january = InsurerCooperation.MonthLine(Fund, "JD", Rule, Agreement, new BusinessMonth(2012, 1), Money.Yuan(10_000_000), null);
        var february = InsurerCooperation.MonthLine(Fund, "JD", Rule, Agreement, new BusinessMonth(2012, 2), Money.Yuan(9_000_000), january);
        var march = InsurerCooperation.MonthLine(Fund, "JD", Rule, Agreement, new BusinessMonth(2012, 3), Money.Yuan(12_000_000), february);

        Assert.Equal((Money.Zero, Money.Zero, Money.Yuan(10_000_000)), (february.Claims, february.Premium, february.ClaimsToDate));
        Assert.Equal(Money.Yuan(960_000), february.PreSettlement); // (11,600,000 − 10,000,000) × 60 %
        Assert.Equal((Money.Yuan(2_000_000), Money.Zero), (march.Claims, march.PreSettlement));
    }

    [Theory]
    // result = 139,200,000 − spending; the bands apply to at most 10 % of the premium (13,920,000).
    [InlineData(136_200_000, 3_000_000, 1_350_000)]                  // the first band exactly: 45 %
    [InlineData(133_200_000, 6_000_000, 2_850_000)]                  // + 3,000,000 at 50 %
    [InlineData(130_200_000, 9_000_000, 4_500_000)]                  // + 3,000,000 at 55 %
    [InlineData(125_000_000, 14_200_000, 7_452_000)]                 // + (13,920,000 − 9,000,000) at 60 %; beyond 13,920,000: 0 %
    [InlineData(100_000_000, 39_200_000, 7_452_000)]                 // a large surplus: still capped
    [InlineData(141_700_000, -2_500_000, -1_125_000)]                // a deficit: the insurer bears 45 % of it
    [InlineData(150_200_000, -11_000_000, -5_700_000)]               // 4,500,000 + 2,000,000 at 60 % (below the cap), borne
    [InlineData(139_200_000, 0, 0)]
    public void The_year_result_is_shared_by_marginal_bands_up_to_10_percent_of_the_premium(long spendingYuan, long resultYuan, long shareYuan)
    {
        var december = December(premiumToDate: 130_000_000, claimsToDate: 128_000_000, preSettled: 960_000);

        var line = InsurerCooperation.YearLine("JD", Rule, Agreement, december, Money.Yuan(spendingYuan), complaints: 0, missedWarnings: 0);

        Assert.Equal((Money.Yuan(9_200_000), Money.Yuan(139_200_000)), (line.RemainingPremium, line.TotalPremium));
        Assert.Equal((Money.Yuan(resultYuan), Money.Yuan(13_920_000), Money.Yuan(shareYuan)), (line.Result, line.BandCap, line.Share));
        Assert.Equal(Money.Yuan(spendingYuan - 128_000_000), line.LateClaims);
        Assert.Equal(line.Result - line.PreSettled - line.InsurerNet, line.FinalSettlement);
    }

    [Fact]
    public void Assessments_deduct_10_percent_of_the_per_person_target_per_complaint_and_a_ten_thousandth_of_the_target_per_missed_warning()
    {
        var december = December(premiumToDate: 130_000_000, claimsToDate: 125_000_000, preSettled: 960_000);

        var line = InsurerCooperation.YearLine("JD", Rule, Agreement, december, Money.Yuan(125_000_000), complaints: 2, missedWarnings: 1);

        // Deductions: 2 × 46.40 + 1 × 13,920 = 14,012.80. Net: 7,452,000 − 14,012.80 = 7,437,987.20.
        Assert.Equal((2, 1, Money.FromYuan(14_012.80m)), (line.Complaints, line.MissedWarnings, line.Deductions));
        Assert.Equal(Money.FromYuan(7_437_987.20m), line.InsurerNet);
        // The insurer holds 14,200,000 − 960,000 of the year and keeps 7,437,987.20: it pays the risk account the rest.
        Assert.Equal(Money.FromYuan(5_802_012.80m), line.FinalSettlement);
    }

    [Fact]
    public void Premium_paid_above_the_target_is_not_paid_again_at_year_end()
    {
        var december = December(premiumToDate: 150_000_000, claimsToDate: 150_000_000, preSettled: 960_000);

        var line = InsurerCooperation.YearLine("JD", Rule, Agreement, december, Money.Yuan(150_000_000), 0, 0);

        Assert.Equal((Money.Zero, Money.Yuan(150_000_000), Money.Zero), (line.RemainingPremium, line.TotalPremium, line.Result));
        Assert.Equal(Money.Yuan(-960_000), line.FinalSettlement); // the risk account gives back what was pre-settled
    }

    [Theory]
    [InlineData("\"perCapitaTarget\": 464", "\"perCapitaTarget\": 0", "$.fundJobs.insurerCooperation.perCapitaTarget", "0.00", "must be positive")]
    [InlineData("\"insurerPreSettlementShare\": 0.40", "\"insurerPreSettlementShare\": 1.40", "$.fundJobs.insurerCooperation.insurerPreSettlementShare", "1.40", "must be a fraction 0–1")]
    [InlineData("{ \"upTo\": 6000000, \"rate\": 0.50 }", "{ \"upTo\": 2000000, \"rate\": 0.50 }", "$.fundJobs.insurerCooperation.bands[1].upTo", "2000000.00", "must be given and above the band before (3000000.00)")]
    [InlineData("{ \"rate\": 0.60 }", "{ \"upTo\": 12000000, \"rate\": 0.60 }", "$.fundJobs.insurerCooperation.bands[3].upTo", "12000000.00", "must be absent on the last band (it runs to bandCapPremiumRate of the total premium)")]
    [InlineData("\"riskFundPerYear\": 10000000", "\"riskFundPerYear\": -1", "$.fundJobs.insurerCooperation.riskFundPerYear", "-1.00", "must not be negative")]
    public void A_bad_rule_is_refused_naming_file_field_and_value(string from, string to, string path, string value, string reason)
    {
        var text = File.ReadAllText(Path.Combine(PolicyPackLoader.DefaultDirectory, "jd-330182-2012.json")).Replace(from, to, StringComparison.Ordinal);

        var ex = Assert.Throws<PolicyPackException>(() => PolicyPackLoader.Parse(text, "jd.json"));

        Assert.Equal(path, ex.FieldPath);
        Assert.Equal($"jd.json: {path} = {value}: {reason}", ex.Message);
    }

    private static InsurerMonthLine December(long premiumToDate, long claimsToDate, long preSettled) =>
        InsurerCooperation.MonthLine(Fund, "JD", Rule, Agreement, new BusinessMonth(2012, 12), Money.Zero, null) with
        {
            PremiumToDate = Money.Yuan(premiumToDate),
            ClaimsToDate = Money.Yuan(claimsToDate),
            PreSettledToDate = Money.Yuan(preSettled),
        };

    private static InsurerCooperationRule LoadRule()
    {
        var set = PolicyPackLoader.LoadDirectory(PolicyPackLoader.DefaultDirectory).Resolve("330182", Scheme.MergedResident, new DateOnly(2012, 12, 31));
        Assert.Equal("JD-330182-2012", set.FundJobs!.Id);
        return set.FundJobs.FundJobs!.InsurerCooperation!;
    }
}
