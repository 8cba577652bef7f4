using Medisettle.Grains.Policy;
using Medisettle.Interfaces.Settlement;
using Xunit;
using static Medisettle.Grains.Tests.Policy.Scenario;

namespace Medisettle.Grains.Tests.Policy;

/// <summary>A person's control history stays bounded: 7 days and 100 swipes, running supplies only, at most 200.</summary>
public sealed class ControlHistoryTests
{
    private static readonly DateOnly Day = new(2026, 3, 2);
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(8));

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)] // exactly 7 days old: dropped
    public void Swipes_older_than_seven_days_are_dropped(int secondsOlder, bool kept)
    {
        var old = new RecentSwipe("S-OLD", "D1", VisitType.Pharmacy, Now - ControlHistory.SwipeWindowMax + TimeSpan.FromSeconds(1 - secondsOlder));

        var after = new ControlHistory { Swipes = [old] }.With("S-NEW", "D2", Purchase(Day, 7), Now, countSwipe: true, holdSupplies: false);

        Assert.Equal(kept, after.Swipes.Any(s => s.SettlementId == "S-OLD"));
        Assert.Equal("S-NEW", after.Swipes[^1].SettlementId);
    }

    [Fact]
    public void At_most_100_swipes_are_kept_newest_last()
    {
        var history = new ControlHistory { Swipes = [.. Enumerable.Range(0, 100).Select(i => new RecentSwipe($"S{i}", "D1", VisitType.Pharmacy, Now))] };

        var after = history.With("S-NEW", "D2", Purchase(Day, 7), Now, countSwipe: true, holdSupplies: false);

        Assert.Equal(ControlHistory.SwipesMax, after.Swipes.Count);
        Assert.Equal(("S1", "S-NEW"), (after.Swipes[0].SettlementId, after.Swipes[^1].SettlementId));
    }

    [Theory]
    [InlineData(6, true)] // bought 6 days ago with 7 days: runs through today
    [InlineData(7, false)] // run out today
    public void Supplies_that_have_run_out_are_dropped(int daysAgo, bool kept)
    {
        var held = new HeldSupply("S-OLD", "D1", VisitType.Pharmacy, "XD1", Day.AddDays(-daysAgo), 7);

        var after = new ControlHistory { Supplies = [held] }.With("S-NEW", "D2", Purchase(Day, 7), Now, countSwipe: false, holdSupplies: true);

        Assert.Equal(kept, after.Supplies.Contains(held));
        Assert.Contains(after.Supplies, s => s.SettlementId == "S-NEW");
    }

    [Fact]
    public void At_most_200_supplies_are_kept_those_running_longest()
    {
        var history = new ControlHistory { Supplies = [.. Enumerable.Range(0, 200).Select(i => new HeldSupply($"S{i}", "D1", VisitType.Pharmacy, $"X{i}", Day, 10 + i))] };

        var after = history.With("S-NEW", "D2", Purchase(Day, 5), Now, countSwipe: false, holdSupplies: true);

        Assert.Equal(ControlHistory.SuppliesMax, after.Supplies.Count);
        Assert.DoesNotContain(after.Supplies, s => s.SettlementId == "S-NEW"); // 5 days: runs out first
        Assert.Contains(after.Supplies, s => s.SettlementId == "S0");
    }

    [Fact]
    public void A_cancelled_settlement_leaves_the_history()
    {
        var history = ControlHistory.Empty.With("S1", "D1", Purchase(Day, 7), Now, countSwipe: true, holdSupplies: true)
            .With("S2", "D2", Purchase(Day, 7), Now, countSwipe: true, holdSupplies: true);

        var after = history.Without("S1");

        Assert.Equal(["S2"], after.Swipes.Select(s => s.SettlementId));
        Assert.Equal(["S2"], after.Supplies.Select(s => s.SettlementId));
    }

    private static Visit Purchase(DateOnly date, int supplyDays) =>
        Visit(VisitType.Pharmacy, date, Line(10m, kind: ItemKind.ApprovedDrug, supplyDays: supplyDays) with { CatalogueCode = "XD-NEW" });
}
