using Medisettle.Grains.Tests.Settlement;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Visits;
using Xunit;
using static Medisettle.Grains.Tests.Visits.VisitRequests;

namespace Medisettle.Grains.Tests.Visits;

/// <summary>
/// An open visit leaves memory after <see cref="SettlementOptions.VisitIdleTimeout"/> without a call, keeps what it
/// holds in storage, and stays while calls come.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class VisitIdleTests
{
    [Fact]
    public async Task An_open_visit_with_no_call_leaves_memory_and_reads_back_open_from_storage()
    {
        await using var cluster = await SettlementCluster.StartAsync(configure: o => o.VisitIdleTimeout = TimeSpan.FromSeconds(1));
        var (world, visit, management) = await VisitAsync(cluster, "MD1");

        var opened = await visit.OpenAsync(Opening(world, "M1"));
        Assert.Equal(1, await management.GetGrainActivationCount((GrainReference)visit));
        await GrainActivations.WaitUntilGoneAsync(world.Cluster.Client, visit, "the open visit (idle timeout 1 s)");

        var stored = await visit.GetAsync();
        var retried = await visit.OpenAsync(Opening(world, "M1"));

        Assert.True(opened.Accepted);
        Assert.Equal((VisitStatus.Open, world.Id("P1"), world.Id("H1")), (stored!.Status, stored.PersonId, stored.InstitutionCode));
        Assert.True(retried.Accepted); // its message ids came back with it: the retry is answered, not refused as a second registration
    }

    [Fact]
    public async Task An_open_visit_stays_in_memory_while_calls_come()
    {
        await using var cluster = await SettlementCluster.StartAsync(configure: o => o.VisitIdleTimeout = TimeSpan.FromSeconds(3));
        var (world, visit, management) = await VisitAsync(cluster, "MD2");
        await visit.OpenAsync(Opening(world, "M1"));

        // Calls one after another for 8 s (nearly three periods of the 3 s timer): every period has many, so the visit
        // never leaves. No fixed pause: only a stall of a whole period between two calls could let it go.
        var counts = new List<int>();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(8))
        {
            Assert.NotNull(await visit.GetAsync());
            counts.Add(await management.GetGrainActivationCount((GrainReference)visit));
        }

        Assert.All(counts, count => Assert.Equal(1, count));
    }

    /// <summary>A new world of the cluster, its visit <paramref name="name"/> (not opened yet), and the management grain that counts activations.</summary>
    private static async Task<(SettlementWorld World, IVisitGrain Visit, IManagementGrain Management)> VisitAsync(SettlementCluster cluster, string name)
    {
        var world = await cluster.NewWorldAsync();
        return (world, world.Cluster.Client.GetGrain<IVisitGrain>(world.Id(name)), world.Cluster.Client.GetGrain<IManagementGrain>(0));
    }
}
