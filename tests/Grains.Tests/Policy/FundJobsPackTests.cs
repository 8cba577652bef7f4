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
          "fundJobs": { "riskReserve": { "incomeRate": 0.03, "capRate": 0.15 } } }
        """;

    [Fact]
    public void P2_sets_aside_3_percent_until_15_percent()
    {
        var catalog = PolicyPackLoader.LoadDirectory(PolicyPackLoader.DefaultDirectory);

        var set = catalog.Resolve("220722", Scheme.UrbanResident, new DateOnly(2007, 12, 31));

        Assert.Equal("P2-220722-2007", set.FundJobs!.Id);
        Assert.Equal(new RiskReserveRule { IncomeRate = 0.03m, CapRate = 0.15m }, set.FundJobs.FundJobs!.RiskReserve);
    }

    [Theory]
    [InlineData("\"incomeRate\": 0.03", "\"incomeRate\": 1.03", "$.fundJobs.riskReserve.incomeRate", "1.03", "must be a fraction 0–1")]
    [InlineData("\"capRate\": 0.15", "\"capRate\": -0.15", "$.fundJobs.riskReserve.capRate", "-0.15", "must be a fraction 0–1")]
    [InlineData("\"capRate\": 0.15", "\"capRate\": 0.02", "$.fundJobs.riskReserve.capRate", "0.02", "must not be below incomeRate 0.03")]
    public void A_bad_rate_is_refused_naming_file_field_and_value(string from, string to, string path, string value, string reason)
    {
        var ex = Assert.Throws<PolicyPackException>(() => PolicyPackLoader.Parse(Pack.Replace(from, to, StringComparison.Ordinal), "fund.json"));

        Assert.Equal(path, ex.FieldPath);
        Assert.Equal($"fund.json: {path} = {value}: {reason}", ex.Message);
    }
}
