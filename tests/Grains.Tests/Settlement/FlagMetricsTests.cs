using Medisettle.Interfaces.Controls;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Settlement;
using Xunit;

namespace Medisettle.Grains.Tests.Settlement;

/// <summary>
/// Flags are counted by rule and action when they commit, once (a retry is not counted again), and their reviews by
/// rule and decision. The listener hears every silo in the process, so this runs alone, like the rejection metrics.
/// </summary>
[Collection(RejectionMetricsCollection.Name)]
public sealed class FlagMetricsTests
{
    [Fact]
    public async Task Flags_are_counted_by_rule_and_action_once_and_reviews_by_decision()
    {
        using var counted = new MedisettleMeasurements("medisettle.control.");
        // Its own cluster: the listener hears every silo in the process, so this test runs alone.
        await using var cluster = await SettlementCluster.StartAsync(configure: o => o.RecentMessagesMax = 1);
        var world = await cluster.NewWorldAsync();
        var person = await world.EnrolAsync("E1", Scheme.Employee, PersonCategory.Employed, accountYuan: 500m);
        await person.SettleAsync(world.Pharmacy("M1", 10m));
        var duplicate = world.Pharmacy("M2", 10m);
        var cosmetic = world.Pharmacy("M3", 30m, ItemKind.Cosmetic);

        var flagged = await person.SettleAsync(duplicate);
        await person.SettleAsync(duplicate);
        await person.SettleAsync(cosmetic);
        await person.SettleAsync(world.Inpatient("M4", 1_000m) with { UseAccount = false });
        await person.SettleAsync(cosmetic); // the cache forgot it: refused again, its flag already committed
        await person.SettleAsync(duplicate); // the cache forgot it: answered from the receipt
        var review = world.Cluster.Client.GetGrain<IFlagReviewGrain>(ControlFlag.SettledFlagId(flagged.SettlementId!, ControlRule.DuplicatePurchase));
        await review.ConfirmAsync(2, "audit");
        await review.ConfirmAsync(2, "audit again");

        Assert.Equal(1, counted["medisettle.control.flags|action=flag|rule=duplicate_purchase"]);
        Assert.Equal(1, counted["medisettle.control.flags|action=refuse|rule=non_insured_goods"]);
        Assert.Equal(2, counted.Sums.Where(pair => pair.Key.StartsWith("medisettle.control.flags|", StringComparison.Ordinal)).Sum(pair => pair.Value));
        Assert.Equal(1, counted["medisettle.control.flags.resolved|decision=confirmed|rule=duplicate_purchase"]);
    }
}
