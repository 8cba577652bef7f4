using Medisettle.Interfaces.Settlement;
using Xunit;

namespace Medisettle.Grains.Tests.Settlement;

/// <summary>
/// The person grain checks the insured region the client declared (insuplc_admdvs) itself, so a swipe is one grain call:
/// another region is refused before anything is computed or written; the person's own region, or none, settles.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class DeclaredRegionTests(SqliteClusters clusters)
{
    [Fact]
    public async Task A_declared_region_not_the_persons_is_refused_and_changes_nothing()
    {
        var world = await clusters.WorldAsync();
        var person = await world.EnrolAsync("P1");

        var refused = await person.SettleAsync(world.Inpatient("M1", 1_000m) with { DeclaredRegion = "220722" });
        var preRefused = await person.PreSettleAsync(world.Inpatient("M2", 1_000m) with { DeclaredRegion = "220722" });
        var after = await person.GetSnapshotAsync();
        var own = await person.SettleAsync(world.Inpatient("M3", 1_000m) with { DeclaredRegion = SettlementWorld.Region });
        var none = await person.SettleAsync(world.Inpatient("M4", 1_000m));

        Assert.Equal((SettlementStatus.Rejected, RejectionCode.RegionMismatch, "insuplc_admdvs 220722 is not the person's insured region 990001"),
            (refused.Status, refused.Rejection!.Code, refused.Rejection.Message));
        Assert.Equal(RejectionCode.RegionMismatch, preRefused.Rejection!.Code);
        Assert.Empty(after!.Years);
        Assert.Equal((SettlementStatus.Settled, SettlementStatus.Settled), (own.Status, none.Status));
    }

    [Fact]
    public async Task An_unknown_person_is_refused_by_the_grain_with_the_masked_id()
    {
        var world = await clusters.WorldAsync();

        var refused = await world.Cluster.Client.GetGrain<Interfaces.Grains.IPersonGrain>("990001199001010000").SettleAsync(world.Inpatient("M1", 1_000m));

        Assert.Equal((RejectionCode.UnknownPerson, "person 990001********0000 is not enrolled"), (refused.Rejection!.Code, refused.Rejection.Message));
    }
}
