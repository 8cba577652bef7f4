using Medisettle.Grains.PolicyPacks;
using Medisettle.Grains.Tests.Settlement;
using Medisettle.Interfaces.Administration;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Settlement;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Medisettle.Grains.Tests.Policy;

/// <summary>
/// Packs activated at run time are cluster state: in force on every silo when the activation answers, after the
/// cluster restarts, and on a silo that joins later; a refused activation changes nothing anywhere.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class PolicyRegistryTests(SqliteClusters clusters)
{
    private const string NewRegion = "990098";
    private static readonly DateOnly Day = new(2026, 3, 2);

    [Fact]
    public async Task An_activated_pack_is_in_force_on_every_silo_at_once_after_a_restart_and_on_a_silo_that_joins_later()
    {
        // Its own cluster: it restarts every silo and adds a third.
        await using var cluster = await SettlementCluster.StartAsync();
        var world = await cluster.NewWorldAsync();
        var registry = Registry(world);

        var loaded = await registry.LoadAsync(P1For(NewRegion, "P1-990098-test"), "p1-990098.json");
        var before = BasicPackOnEachSilo(world);
        var activated = await registry.ActivateAsync("P1-990098-test");
        var now = BasicPackOnEachSilo(world);
        await world.RestartAsync();
        var restarted = BasicPackOnEachSilo(world);
        await world.Cluster.StartAdditionalSiloAsync();
        var joined = BasicPackOnEachSilo(world);

        Assert.Equal(("P1-990098-test", false), (loaded.Pack!.Id, loaded.Pack.Active));
        Assert.Equal([null, null], before);
        Assert.Equal(("P1-990098-test", true), (activated.Pack!.Id, activated.Pack.Active));
        Assert.Equal(["P1-990098-test", "P1-990098-test"], now);
        Assert.Equal(["P1-990098-test", "P1-990098-test"], restarted);
        Assert.Equal(["P1-990098-test", "P1-990098-test", "P1-990098-test"], joined);
        var listed = Assert.Single(await registry.ListAsync(), p => p.Id == "P1-990098-test");
        Assert.True(listed.Active);
        Assert.Equal(1, (await registry.GetActivatedAsync()).Version);
    }

    [Fact]
    public async Task A_pack_that_overlaps_one_in_force_is_refused_and_changes_nothing()
    {
        var world = await clusters.WorldAsync();
        var registry = Registry(world);
        var versionBefore = (await registry.GetActivatedAsync()).Version;
        await registry.LoadAsync(P1For("370705", "P1-370705-duplicate"), "duplicate.json");

        var refused = await registry.ActivateAsync("P1-370705-duplicate");

        Assert.Null(refused.Pack);
        Assert.Contains("overlap", refused.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(versionBefore, (await registry.GetActivatedAsync()).Version);
        Assert.All(Providers(world), p => Assert.Equal("P1-370705-2011", p.Catalog.Resolve("370705", Scheme.MergedResident, Day).Basic!.Id));
        Assert.False(Assert.Single(await registry.ListAsync(), p => p.Id == "P1-370705-duplicate").Active);
    }

    [Fact]
    public async Task Activating_an_id_that_was_never_loaded_is_not_found_and_an_invalid_pack_names_its_field()
    {
        var world = await clusters.WorldAsync();
        var registry = Registry(world);

        var missing = await registry.ActivateAsync("P9-nothing");
        var invalid = await registry.LoadAsync(P1For(NewRegion, "P1-bad").Replace("\"region\": \"990098\"", "\"region\": \"\"", StringComparison.Ordinal), "bad.json");

        Assert.True(missing.NotFound);
        Assert.Equal("No loaded pack has id 'P9-nothing'; POST it first.", missing.Error);
        Assert.Null(invalid.Pack);
        Assert.Equal("$.region", invalid.Field);
        Assert.StartsWith("bad.json: $.region", invalid.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_silo_keeps_the_newest_set_whatever_order_pushes_and_polls_arrive_in()
    {
        var provider = PolicyCatalogProvider.Load(new SettlementOptions());
        var first = new ActivatedPolicyPacks(1, [new StoredPolicyPack("P1-990098-test", "a.json", P1For(NewRegion, "P1-990098-test"))]);
        var second = new ActivatedPolicyPacks(2, []);

        var newer = provider.Apply(second);
        var older = provider.Apply(first);
        var again = provider.Apply(second);

        Assert.Equal((true, false, false), (newer, older, again));
        Assert.Equal(2, provider.ActivatedVersion);
        Assert.Null(provider.Catalog.Resolve(NewRegion, Scheme.MergedResident, Day).Basic);
    }

    private static IPolicyRegistryGrain Registry(SettlementWorld world) =>
        world.Cluster.Client.GetGrain<IPolicyRegistryGrain>(IPolicyRegistryGrain.Key);

    private static List<PolicyCatalogProvider> Providers(SettlementWorld world) =>
        [.. world.Cluster.Silos.Select(s => world.Cluster.GetSiloServiceProvider(s.SiloAddress).GetRequiredService<PolicyCatalogProvider>())];

    private static List<string?> BasicPackOnEachSilo(SettlementWorld world) =>
        [.. Providers(world).Select(p => p.Catalog.Resolve(NewRegion, Scheme.MergedResident, Day).Basic?.Id)];

    /// <summary>The shipped P1 pack under another id and region.</summary>
    private static string P1For(string region, string id) =>
        File.ReadAllText(Path.Combine(PolicyPackLoader.DefaultDirectory, "p1-370705-2011.json"))
            .Replace("\"P1-370705-2011\"", $"\"{id}\"", StringComparison.Ordinal)
            .Replace("\"370705\"", $"\"{region}\"", StringComparison.Ordinal);
}
