using Medisettle.Grains.Tests.Settlement;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Security;
using Xunit;

namespace Medisettle.Grains.Tests.Signing;

/// <summary>
/// A slot's writes are counted by reason: a confirmation's write, and the write a slot makes as it leaves memory. The
/// listener hears every silo in the process, so this runs with no other test beside it.
/// </summary>
[Collection(RejectionMetricsCollection.Name)]
public sealed class ReplayWindowMetricsTests
{
    [Fact]
    public async Task A_confirmation_and_a_slot_leaving_memory_are_each_counted_as_one_write()
    {
        using var counted = new MedisettleMeasurements("medisettle.replay_window.writes");
        await using var cluster = await SettlementCluster.StartAsync(configure: o => o.ReplaySlotIdleTimeout = TimeSpan.FromSeconds(1));
        var world = await cluster.NewWorldAsync();
        const long bucket = 174_000_000;
        var slot = world.Cluster.Client.GetGrain<IReplayWindowGrain>(ReplayWindowKeys.GrainKey(world.Id("H1"), bucket, TimeSpan.FromSeconds(300)));

        await slot.RecordAsync(bucket, new string('a', 64));
        var afterRecord = counted.Sums;
        await slot.RecordAsync(bucket, new string('b', 64));
        await slot.ConfirmAsync(bucket, new string('b', 64));
        var afterConfirm = counted.Sums;
        await slot.RecordAsync(bucket, new string('c', 64)); // in memory only: written as the slot leaves
        await GrainActivations.WaitUntilGoneAsync(world.Cluster.Client, slot, "the slot (idle timeout 1 s)");

        Assert.Empty(afterRecord);
        Assert.Equal(new Dictionary<string, long> { ["medisettle.replay_window.writes|reason=confirm"] = 1 }, afterConfirm);
        Assert.Equal(new Dictionary<string, long> { ["medisettle.replay_window.writes|reason=confirm"] = 1, ["medisettle.replay_window.writes|reason=leave"] = 1 }, counted.Sums);
    }
}
