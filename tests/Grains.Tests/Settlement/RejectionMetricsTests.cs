using Medisettle.Interfaces.Settlement;
using Xunit;

namespace Medisettle.Grains.Tests.Settlement;

/// <summary>
/// Refused settlements are counted by reason (the rejection code), once: a retry answered from the first answer is not
/// counted again. The listener hears every silo in the process, so this runs with no other test beside it.
/// </summary>
[Collection(RejectionMetricsCollection.Name)]
public sealed class RejectionMetricsTests
{
    [Fact]
    public async Task Refused_settlements_are_counted_by_reason_and_a_retry_is_not_counted_again()
    {
        using var counted = new MedisettleMeasurements("medisettle.settlement.rejected");
        // Its own cluster: the listener hears every silo in the process, so this test runs alone.
        await using var cluster = await SettlementCluster.StartAsync();
        var world = await cluster.NewWorldAsync();
        var person = await world.EnrolAsync("P1");
        await world.Institution(world.HospitalCode).SetDesignationAsync(DesignationStatus.Suspended, "audit");

        var suspended = world.Inpatient("M1", 1_000m);
        var first = await person.SettleAsync(suspended);
        var retry = await person.SettleAsync(suspended);
        var unknown = await world.Person("NOBODY").SettleAsync(world.Inpatient("M2", 1_000m));

        Assert.Equal(RejectionCode.InstitutionSuspended, first.Rejection!.Code);
        Assert.Equal(RejectionCode.InstitutionSuspended, retry.Rejection!.Code);
        Assert.Equal(RejectionCode.UnknownPerson, unknown.Rejection!.Code);
        Assert.Equal(1, counted["medisettle.settlement.rejected|reason=InstitutionSuspended"]);
        Assert.Equal(1, counted["medisettle.settlement.rejected|reason=UnknownPerson"]);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RejectionMetricsCollection
{
    public const string Name = "rejection-metrics (alone)";
}
