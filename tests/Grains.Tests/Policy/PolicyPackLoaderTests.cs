using Medisettle.Grains.Policy;
using Medisettle.Grains.PolicyPacks;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Settlement;
using Xunit;
using static Medisettle.Grains.Tests.Policy.Scenario;

namespace Medisettle.Grains.Tests.Policy;

/// <summary>Loading the reference packs, and rejecting invalid pack data with file, field and value.</summary>
public sealed class PolicyPackLoaderTests : IDisposable
{
    private const string ValidAssistancePack = """
        { "id": "T-1", "region": "620100", "schemes": ["MergedResident"], "effectiveFrom": "2010-01-01", "source": "test",
          "assistance": { "statuses": ["MinimumLivingAllowance"], "rate": 0.6, "annualCap": 30000 } }
        """;

    private const string ValidBasicPack = """
        { "id": "T-B", "region": "620100", "schemes": ["MergedResident"], "effectiveFrom": "2010-01-01", "source": "test",
          "basic": { "classBPreSelfPayRate": 0.1,
            "deductibles": [{ "levels": ["Tier3"], "amount": 700 }],
            "deductibleModes": [{ "visitType": "Inpatient", "mode": "PerVisit" }],
            "ratios": [{ "levels": ["Tier3"], "transfer": false, "rate": 0.55 }],
            "groups": [{ "name": "all", "categories": ["AdultResident"], "coveredVisitTypes": ["Inpatient"], "waitingPeriodMonths": 0, "annualCap": 1000, "capBasis": "FundPayment" }] } }
        """;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "medisettle-packs-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void All_reference_packs_load_with_source_and_assumptions()
    {
        var ids = Catalog.Packs.Select(p => p.Id).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(
            ["JD-330182-2012", "MA-330200-2004", "MA-330727-2012", "MA-330727-2013", "MA-620000-2010", "P0-990001-employee", "P0-990001-resident", "P1-370705-2011", "P2-220722-2007", "P3-350500-2013", "P4-350100-2013", "P5-350426-2013", "P6-131000-2004a", "P6-131000-2004b", "XC-420921-2013"],
            ids);
        Assert.All(Catalog.Packs, p => Assert.Contains("seeds/", p.Source, StringComparison.Ordinal));
        Assert.All(Catalog.Packs.Where(p => !p.Id.StartsWith("P0", StringComparison.Ordinal)), p => Assert.NotEmpty(p.Assumptions));
        Assert.Equal(2, Catalog.OffsitePairs.Count);
    }

    [Fact]
    public void P5_lists_27_diseases_16_at_80_and_11_at_70()
    {
        var diseases = Catalog.FindById("P5-350426-2013")!.SpecialDiseases!.Diseases;

        Assert.Equal(27, diseases.Count);
        Assert.Equal(16, diseases.Count(d => d.Rate == 0.80m));
        Assert.Equal(11, diseases.Count(d => d.Rate == 0.70m));
        Assert.Null(diseases.Single(d => d.Code == "end-stage-renal-disease").AnnualCap);
        Assert.Equal(Y(2_000m), diseases.Single(d => d.Code == "peptic-ulcer").AnnualCap);
    }

    [Fact]
    public void P2_numbers_are_as_stated()
    {
        var p2 = Catalog.FindById("P2-220722-2007")!;
        var adults = p2.Basic!.Groups.Single(g => g.Categories.Contains(PersonCategory.AdultResident));
        var students = p2.Basic.Groups.Single(g => g.Categories.Contains(PersonCategory.StudentChild));

        Assert.Equal((Y(40_000m), CapBasis.EligibleCost, 3), (adults.AnnualCap, adults.CapBasis, adults.WaitingPeriodMonths));
        Assert.Equal((Y(60_000m), 0.10m, true, 0), (students.AnnualCap, students.RatioAdjustment, students.DeductibleExempt, students.WaitingPeriodMonths));
        Assert.Equal(Y(130_000m), p2.LargeAmount!.AnnualCap);
    }

    [Fact]
    public void A_valid_pack_parses_and_yuan_become_fen()
    {
        var pack = PolicyPackLoader.Parse(ValidBasicPack, "t.json");

        Assert.Equal(new Money(70_000), pack.Basic!.Deductibles[0].Amount);
        Assert.Equal("t.json", pack.SourceFile);
    }

    [Theory]
    [InlineData("\"rate\": 0.6", "\"rate\": 0.85", "$.assistance.rate", "0.85")]
    [InlineData("\"rate\": 0.6", "\"rate\": 0.39", "$.assistance.rate", "0.39")]
    [InlineData("\"annualCap\": 30000", "\"annualCap\": -1", "$.assistance.annualCap", "-1.00")]
    [InlineData("\"region\": \"620100\"", "\"region\": \"62010\"", "$.region", "62010")]
    public void Invalid_assistance_pack_names_file_field_and_value(string from, string to, string path, string value)
    {
        var ex = Assert.Throws<PolicyPackException>(() => PolicyPackLoader.Parse(ValidAssistancePack.Replace(from, to, StringComparison.Ordinal), "bad.json"));

        Assert.Equal("bad.json", ex.File);
        Assert.Equal(path, ex.FieldPath);
        Assert.Equal(value, ex.Value);
        Assert.StartsWith($"bad.json: {path} = {value}: ", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"amount\": 700", "\"amount\": -700", "$.basic.deductibles[0].amount")]
    [InlineData("\"rate\": 0.55", "\"rate\": 1.2", "$.basic.ratios[0].rate")]
    [InlineData("\"waitingPeriodMonths\": 0", "\"waitingPeriodMonths\": -1", "$.basic.groups[0].waitingPeriodMonths")]
    [InlineData("\"classBPreSelfPayRate\": 0.1", "\"classBPreSelfPayRate\": 1.5", "$.basic.classBPreSelfPayRate")]
    [InlineData("\"effectiveFrom\": \"2010-01-01\"", "\"effectiveFrom\": \"2010-01-01\", \"effectiveTo\": \"2009-12-31\"", "$.effectiveTo")]
    public void Invalid_basic_pack_names_the_field(string from, string to, string path)
    {
        var ex = Assert.Throws<PolicyPackException>(() => PolicyPackLoader.Parse(ValidBasicPack.Replace(from, to, StringComparison.Ordinal), "basic.json"));

        Assert.Equal(path, ex.FieldPath);
        Assert.Contains("basic.json", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"amount\": 700", "\"amount\": 700.001", "amount")] // finer than a fen
    [InlineData("\"amount\": 700", "\"amount\": 700, \"extra\": 1", "extra")] // unknown field
    [InlineData("\"mode\": \"PerVisit\"", "\"mode\": \"Sometimes\"", "mode")] // unknown enum value
    [InlineData("\"name\": \"all\", ", "", "name")] // required field missing
    public void Malformed_json_names_the_file_and_path(string from, string to, string fieldHint)
    {
        var ex = Assert.Throws<PolicyPackException>(() => PolicyPackLoader.Parse(ValidBasicPack.Replace(from, to, StringComparison.Ordinal), "malformed.json"));

        Assert.StartsWith("malformed.json: $", ex.Message, StringComparison.Ordinal);
        Assert.Contains(fieldHint, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlapping_effective_dates_for_one_region_scheme_and_section_are_rejected()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(Path.Combine(_directory, "a.json"), ValidAssistancePack);
        File.WriteAllText(Path.Combine(_directory, "b.json"), ValidAssistancePack.Replace("T-1", "T-2", StringComparison.Ordinal).Replace("2010-01-01", "2012-06-01", StringComparison.Ordinal));

        var ex = Assert.Throws<PolicyPackException>(() => PolicyPackLoader.LoadDirectory(_directory));

        Assert.Equal("b.json", ex.File);
        Assert.Equal("$.effectiveFrom", ex.FieldPath);
        Assert.Equal("2012-06-01", ex.Value);
        Assert.Contains("a.json", ex.Message, StringComparison.Ordinal);
        Assert.Contains("assistance", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Consecutive_versions_and_different_sections_may_share_a_region()
    {
        Directory.CreateDirectory(_directory);
        var first = ValidAssistancePack.Replace("\"effectiveFrom\": \"2010-01-01\"", "\"effectiveFrom\": \"2010-01-01\", \"effectiveTo\": \"2012-05-31\"", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(_directory, "a.json"), first);
        File.WriteAllText(Path.Combine(_directory, "b.json"), ValidAssistancePack.Replace("T-1", "T-2", StringComparison.Ordinal).Replace("2010-01-01", "2012-06-01", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(_directory, "c.json"), ValidBasicPack);

        var catalog = PolicyPackLoader.LoadDirectory(_directory);
        var set = catalog.Resolve("620100", Scheme.MergedResident, new DateOnly(2012, 6, 1));

        Assert.Equal("T-2", set.Assistance!.Id);
        Assert.Equal("T-B", set.Basic!.Id);
        Assert.Equal("T-1", catalog.Resolve("620100", Scheme.MergedResident, new DateOnly(2012, 5, 31)).Assistance!.Id);
    }

    [Fact]
    public void Duplicate_pack_ids_are_rejected()
    {
        var a = PolicyPackLoader.Parse(ValidAssistancePack, "a.json");
        var b = PolicyPackLoader.Parse(ValidAssistancePack.Replace("620100", "620200", StringComparison.Ordinal), "b.json");

        var ex = Assert.Throws<PolicyPackException>(() => new PolicyPackCatalog([a, b], []));

        Assert.Equal("$.id", ex.FieldPath);
        Assert.Equal("T-1", ex.Value);
    }

    [Fact]
    public void Unbounded_top_band_needs_an_annual_cap()
    {
        const string json = """
            { "id": "T-CI", "region": "350500", "schemes": ["UrbanResident"], "effectiveFrom": "2013-01-01", "source": "test",
              "criticalIllness": { "threshold": 30000, "bandSets": [{ "name": "all", "categories": ["AdultResident"],
                "bands": [{ "from": 0, "to": 50000, "rate": 0.5 }, { "from": 50000, "rate": 0.6 }] }] } }
            """;

        var ex = Assert.Throws<PolicyPackException>(() => PolicyPackLoader.Parse(json, "ci.json"));

        Assert.Equal("$.criticalIllness.bandSets[0].annualCap", ex.FieldPath);
    }

    [Fact]
    public void Band_gaps_are_rejected()
    {
        const string json = """
            { "id": "T-CI", "region": "350500", "schemes": ["UrbanResident"], "effectiveFrom": "2013-01-01", "source": "test",
              "criticalIllness": { "threshold": 30000, "bandSets": [{ "name": "all", "categories": ["AdultResident"], "annualCap": 1000,
                "bands": [{ "from": 0, "to": 50000, "rate": 0.5 }, { "from": 60000, "rate": 0.6 }] }] } }
            """;

        var ex = Assert.Throws<PolicyPackException>(() => PolicyPackLoader.Parse(json, "ci.json"));

        Assert.Equal("$.criticalIllness.bandSets[0].bands[1].from", ex.FieldPath);
        Assert.Equal("60000.00", ex.Value);
    }
}
