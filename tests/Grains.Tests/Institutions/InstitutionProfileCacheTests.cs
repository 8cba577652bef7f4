using Medisettle.Grains.Institutions;
using Medisettle.Grains.Tests.Settlement;
using Medisettle.Interfaces.Settlement;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Medisettle.Grains.Tests.Institutions;

/// <summary>
/// Each silo caches institution profiles; changes are pushed to every silo, and a swipe no longer calls the
/// institution grain. A suspension still applies to the next swipe on any silo, including silos whose cache held the
/// active profile; a newer version always wins; an entry a silo could not refresh expires.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class InstitutionProfileCacheTests(SqliteClusters clusters)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_suspension_reaches_the_next_swipe_on_every_silo_although_their_caches_held_the_active_profile()
    {
        var world = await clusters.WorldAsync();
        var persons = new List<Interfaces.Grains.IPersonGrain>();
        for (var i = 0; i < 16; i++)
        {
            persons.Add(await world.EnrolAsync($"P{i:D2}"));
        }

        var warm = await Task.WhenAll(persons.Select((p, i) => p.SettleAsync(world.Inpatient($"W{i}", 1_000m))));
        await world.Institution(world.HospitalCode).SetDesignationAsync(DesignationStatus.Suspended, "audit");
        var refused = await Task.WhenAll(persons.Select((p, i) => p.SettleAsync(world.Inpatient($"S{i}", 1_000m))));
        await world.Institution(world.HospitalCode).SetDesignationAsync(DesignationStatus.Active, "audit closed");
        var accepted = await Task.WhenAll(persons.Select((p, i) => p.SettleAsync(world.Inpatient($"A{i}", 1_000m))));

        Assert.All(warm, o => Assert.Equal(SettlementStatus.Settled, o.Status));
        Assert.All(refused, o => Assert.Equal(RejectionCode.InstitutionSuspended, o.Rejection!.Code));
        Assert.All(accepted, o => Assert.Equal(SettlementStatus.Settled, o.Status));
        Assert.Equal(2, world.Cluster.Silos.Count);
    }

    [Fact]
    public void A_newer_version_wins_whatever_order_pushes_and_reads_arrive_in()
    {
        var cache = new InstitutionProfileCache(new FakeTimeProvider());
        var active = Profile(DesignationStatus.Active);
        var suspended = Profile(DesignationStatus.Suspended);

        cache.Set("H1", new VersionedInstitutionProfile(suspended, 3));
        cache.Set("H1", new VersionedInstitutionProfile(active, 2));

        Assert.True(cache.TryGet("H1", MaxAge, out var held));
        Assert.Equal((DesignationStatus.Suspended, 3L), (held.Profile!.Designation, held.Version));
    }

    [Fact]
    public void An_entry_is_trusted_until_it_is_max_age_old()
    {
        var clock = new FakeTimeProvider();
        var cache = new InstitutionProfileCache(clock);
        cache.Set("H1", new VersionedInstitutionProfile(Profile(DesignationStatus.Active), 1));

        clock.Advance(MaxAge - TimeSpan.FromTicks(1));
        var justBefore = cache.TryGet("H1", MaxAge, out _);
        clock.Advance(TimeSpan.FromTicks(1));
        var atMaxAge = cache.TryGet("H1", MaxAge, out _);

        Assert.True(justBefore);
        Assert.False(atMaxAge);
        Assert.False(cache.TryGet("H2", MaxAge, out _));
    }

    private static InstitutionProfile Profile(DesignationStatus designation) => new()
    {
        Code = "H1",
        Kind = InstitutionKind.Hospital,
        Level = InstitutionLevel.Tier3,
        Region = SettlementWorld.Region,
        Designation = designation,
        Networked = true,
    };
}
