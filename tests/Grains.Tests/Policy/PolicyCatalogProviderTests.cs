using Medisettle.Grains.Policy;
using Medisettle.Interfaces.Settlement;
using Xunit;

namespace Medisettle.Grains.Tests.Policy;

/// <summary>Packs activated at run time take effect at once and, with a directory configured, survive a restart.</summary>
public sealed class PolicyCatalogProviderTests : IDisposable
{
    private const string NewRegion = "990098";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"medisettle-packs-{Guid.NewGuid():N}");

    private SettlementOptions Options => new() { ActivatedPacksDirectory = _directory };

    [Fact]
    public void An_activated_pack_is_in_force_at_once_and_after_a_restart()
    {
        var provider = PolicyCatalogProvider.Load(Options);
        provider.Stage(P1For(NewRegion, "P1-990098-test"), "p1-990098.json");

        var before = provider.Catalog.Resolve(NewRegion, Scheme.MergedResident, new DateOnly(2026, 3, 2)).Basic;
        var activated = provider.Activate("P1-990098-test");
        var now = provider.Catalog.Resolve(NewRegion, Scheme.MergedResident, new DateOnly(2026, 3, 2)).Basic;
        var restarted = PolicyCatalogProvider.Load(Options).Catalog.Resolve(NewRegion, Scheme.MergedResident, new DateOnly(2026, 3, 2)).Basic;

        Assert.Null(before);
        Assert.True(activated);
        Assert.Equal("P1-990098-test", now!.Id);
        Assert.Equal("P1-990098-test", restarted!.Id);
        Assert.True(File.Exists(Path.Combine(_directory, "P1-990098-test.json")));
    }

    [Fact]
    public void A_pack_that_overlaps_one_in_force_is_neither_activated_nor_kept()
    {
        var provider = PolicyCatalogProvider.Load(Options);
        provider.Stage(P1For("370705", "P1-370705-duplicate"), "duplicate.json");

        Assert.Throws<PolicyPackException>(() => provider.Activate("P1-370705-duplicate"));

        Assert.Equal("P1-370705-2011", provider.Catalog.Resolve("370705", Scheme.MergedResident, new DateOnly(2026, 3, 2)).Basic!.Id);
        Assert.False(Directory.Exists(_directory) && Directory.EnumerateFiles(_directory).Any());
    }

    [Fact]
    public void Without_a_directory_an_activation_lasts_until_the_silo_stops()
    {
        var provider = PolicyCatalogProvider.Load(new SettlementOptions());
        provider.Stage(P1For(NewRegion, "P1-990098-test"), "p1-990098.json");

        provider.Activate("P1-990098-test");

        Assert.NotNull(provider.Catalog.Resolve(NewRegion, Scheme.MergedResident, new DateOnly(2026, 3, 2)).Basic);
        Assert.Null(PolicyCatalogProvider.Load(new SettlementOptions()).Catalog.Resolve(NewRegion, Scheme.MergedResident, new DateOnly(2026, 3, 2)).Basic);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>The shipped P1 pack under another id and region.</summary>
    private static string P1For(string region, string id) =>
        File.ReadAllText(Path.Combine(PolicyPackLoader.DefaultDirectory, "p1-370705-2011.json"))
            .Replace("\"P1-370705-2011\"", $"\"{id}\"", StringComparison.Ordinal)
            .Replace("\"370705\"", $"\"{region}\"", StringComparison.Ordinal);
}
