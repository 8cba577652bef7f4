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

    [Fact]
    public async Task Confirming_a_signature_a_write_already_holds_writes_nothing()
    {
        using var counted = new MedisettleMeasurements("medisettle.replay_window.writes");
        await using var cluster = await SettlementCluster.StartAsync();
        var world = await cluster.NewWorldAsync();
        const long bucket = 174_000_000;
        var slot = world.Cluster.Client.GetGrain<IReplayWindowGrain>(ReplayWindowKeys.GrainKey(world.Id("H1"), bucket, TimeSpan.FromSeconds(300)));
        var signatures = Enumerable.Range(0, 50).Select(i => $"{i:x32}{new string('f', 32)}").ToList();
        foreach (var signature in signatures)
        {
            Assert.Equal(ReplayVerdict.Recorded, await slot.RecordAsync(bucket, signature));
        }

        await Task.WhenAll(signatures.Select(signature => slot.ConfirmAsync(bucket, signature)));
        var afterFirst = counted.Sums["medisettle.replay_window.writes|reason=confirm"];
        await Task.WhenAll(signatures.Select(signature => slot.ConfirmAsync(bucket, signature)));
        await slot.ConfirmAsync(bucket, signatures[0]);
        var afterAgain = counted.Sums["medisettle.replay_window.writes|reason=confirm"];
        await slot.ConfirmAsync(bucket, $"{50:x32}{new string('f', 32)}"); // not recorded before: written
        var afterNew = counted.Sums["medisettle.replay_window.writes|reason=confirm"];

        Assert.InRange(afterFirst, 1, 2); // the first confirmation's write, and one shared by the rest
        Assert.Equal(afterFirst, afterAgain);
        Assert.Equal(afterFirst + 1, afterNew);
        Assert.Equal(ReplayVerdict.Replay, await slot.RecordAsync(bucket, signatures[^1]));
    }
}
