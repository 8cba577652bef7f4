using Medisettle.Grains.Policy;
using Medisettle.Grains.PolicyPacks;
using Medisettle.Interfaces.Settlement;
using Xunit;

namespace Medisettle.Grains.Tests.Policy;

/// <summary>The <c>fundJobs</c> section of a pack: P2's risk reserve as shipped, and bad rates refused naming file, field and value.</summary>
public sealed class FundJobsPackTests
{
    private const string Pack = """
        { "id": "T-F", "region": "220799", "schemes": ["UrbanResident"], "effectiveFrom": "2007-01-01", "source": "test",
          "fundJobs": { "riskReserve": { "incomeRate": 0.03, "capRate": 0.15 },
            "secondaryCompensation": { "retainedRate": 0.10, "selfPayFrom": 3000, "selfPayTo": 13000, "rate": 0.30 } } }
        """;

    [Fact]
    public void P2_sets_aside_3_percent_until_15_percent()
    {
        var catalog = PolicyPackLoader.LoadDirectory(PolicyPackLoader.DefaultDirectory);

        var set = catalog.Resolve("220722", Scheme.UrbanResident, new DateOnly(2007, 12, 31));

        Assert.Equal("P2-220722-2007", set.FundJobs!.Id);
        Assert.Equal(new RiskReserveRule { IncomeRate = 0.03m, CapRate = 0.15m }, set.FundJobs.FundJobs!.RiskReserve);
    }

    [Fact]
    public void Xiaochang_compensates_the_band_3000_to_13000_at_the_assumed_30_percent_above_a_10_percent_surplus()
    {
        var catalog = PolicyPackLoader.LoadDirectory(PolicyPackLoader.DefaultDirectory);

        var set = catalog.Resolve("420921", Scheme.Employee, new DateOnly(2013, 12, 31));

        Assert.Equal("XC-420921-2013", set.FundJobs!.Id);
        Assert.Equal(
            new SecondaryCompensationRule { RetainedRate = 0.10m, SelfPayFrom = Interfaces.Money.Yuan(3_000), SelfPayTo = Interfaces.Money.Yuan(13_000), Rate = 0.30m },
            set.FundJobs.FundJobs!.SecondaryCompensation);
        Assert.Contains(set.FundJobs.Assumptions, a => a.Contains("30%", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("\"incomeRate\": 0.03", "\"incomeRate\": 1.03", "$.fundJobs.riskReserve.incomeRate", "1.03", "must be a fraction 0–1")]
    [InlineData("\"capRate\": 0.15", "\"capRate\": -0.15", "$.fundJobs.riskReserve.capRate", "-0.15", "must be a fraction 0–1")]
    [InlineData("\"capRate\": 0.15", "\"capRate\": 0.02", "$.fundJobs.riskReserve.capRate", "0.02", "must not be below incomeRate 0.03")]
    [InlineData("\"retainedRate\": 0.10", "\"retainedRate\": 10", "$.fundJobs.secondaryCompensation.retainedRate", "10", "must be a fraction 0–1")]
    [InlineData("\"rate\": 0.30", "\"rate\": 1.30", "$.fundJobs.secondaryCompensation.rate", "1.30", "must be a fraction 0–1")]
    [InlineData("\"selfPayFrom\": 3000", "\"selfPayFrom\": -3000", "$.fundJobs.secondaryCompensation.selfPayFrom", "-3000.00", "must not be negative")]
    [InlineData("\"selfPayTo\": 13000", "\"selfPayTo\": 3000", "$.fundJobs.secondaryCompensation.selfPayTo", "3000.00", "must be above selfPayFrom 3000.00")]
    public void A_bad_rate_is_refused_naming_file_field_and_value(string from, string to, string path, string value, string reason)
    {
        var ex = Assert.Throws<PolicyPackException>(() => PolicyPackLoader.Parse(Pack.Replace(from, to, StringComparison.Ordinal), "fund.json"));

        Assert.Equal(path, ex.FieldPath);
        Assert.Equal($"fund.json: {path} = {value}: {reason}", ex.Message);
    }
}
