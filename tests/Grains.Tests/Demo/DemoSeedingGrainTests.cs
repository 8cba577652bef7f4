using Medisettle.Grains.Tests.Settlement;
using Medisettle.Interfaces.Demo;
using Medisettle.Interfaces.Grains;
using Xunit;

namespace Medisettle.Grains.Tests.Demo;

/// <summary>
/// Demo data is seeded once per cluster: silos that start together ask one grain for the turn. Each test uses a
/// seeding grain of its own (the test's prefix), not the cluster's.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class DemoSeedingGrainTests(SqliteClusters clusters)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task Of_silos_asking_at_once_exactly_one_seeds_and_after_it_completes_every_silo_is_done()
    {
        var world = await clusters.WorldAsync();
        var turns = world.Cluster.Client.GetGrain<IDemoSeedingGrain>(world.Id("seeding"));

        var asked = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => turns.BeginAsync($"silo-{i}", 2_000, 100, Lease)));
        var seeder = $"silo-{Array.IndexOf(asked, SeedingTurn.Seed)}";
        var beforeCompletion = await turns.BeginAsync("silo-late", 2_000, 100, Lease);
        await turns.CompleteAsync(seeder);
        var afterCompletion = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => turns.BeginAsync($"silo-{i}", 2_000, 100, Lease)));
        var smaller = await turns.BeginAsync("silo-small", 1_000, 50, Lease);
        var larger = await turns.BeginAsync("silo-large", 3_000, 100, Lease);

        Assert.Equal(1, asked.Count(t => t == SeedingTurn.Seed));
        Assert.Equal(7, asked.Count(t => t == SeedingTurn.Wait));
        Assert.Equal(SeedingTurn.Wait, beforeCompletion);
        Assert.All(afterCompletion, t => Assert.Equal(SeedingTurn.Done, t));
        Assert.Equal(SeedingTurn.Done, smaller);
        Assert.Equal(SeedingTurn.Seed, larger); // more persons than were seeded: a new turn
    }

    [Fact]
    public async Task A_turn_not_completed_within_its_lease_goes_to_the_next_silo_and_only_the_owner_can_complete()
    {
        var world = await clusters.WorldAsync();
        var turns = world.Cluster.Client.GetGrain<IDemoSeedingGrain>(world.Id("seeding"));

        var first = await turns.BeginAsync("silo-a", 2_000, 100, TimeSpan.Zero); // its lease is over at once: it "died"
        var next = await turns.BeginAsync("silo-b", 2_000, 100, Lease);
        var notTheOwner = await Record.ExceptionAsync(() => turns.CompleteAsync("silo-a"));
        var waiting = await turns.BeginAsync("silo-a", 2_000, 100, Lease);
        await turns.CompleteAsync("silo-b");

        Assert.Equal((SeedingTurn.Seed, SeedingTurn.Seed, SeedingTurn.Wait), (first, next, waiting));
        Assert.IsType<InvalidOperationException>(notTheOwner);
        Assert.Equal(SeedingTurn.Done, await turns.BeginAsync("silo-c", 2_000, 100, Lease));
    }
}
