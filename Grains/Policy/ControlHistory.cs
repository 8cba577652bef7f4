using Medisettle.Interfaces.Settlement;

namespace Medisettle.Grains.Policy;

/// <summary>
/// What the person-level control rules need of a person's past, kept in the person's state and bounded: the settled
/// swipes of the last <see cref="SwipeWindowMax"/> (at most <see cref="SwipesMax"/>) for velocity, and the purchases
/// whose supply has not run out (at most <see cref="SuppliesMax"/>) for duplicate purchases. Only swipes and lines
/// of the visit types the rules in force watch are kept. Immutable: the engine returns the history after a settlement.
/// </summary>
public sealed record ControlHistory
{
    /// <summary>Longest velocity window a pack may set (the history keeps swipes this long).</summary>
    public static readonly TimeSpan SwipeWindowMax = TimeSpan.FromDays(7);

    /// <summary>Most recent swipes kept (a pack's velocity thresholds must stay below it).</summary>
    public const int SwipesMax = 100;

    /// <summary>Most running supplies kept (those running out first are dropped beyond it).</summary>
    public const int SuppliesMax = 200;

    public static ControlHistory Empty { get; } = new();

    /// <summary>Oldest first.</summary>
    public IReadOnlyList<RecentSwipe> Swipes { get; init; } = [];

    public IReadOnlyList<HeldSupply> Supplies { get; init; } = [];

    /// <summary>
    /// This history with a settlement added (its swipe when <paramref name="countSwipe"/>, its lines with supply days
    /// when <paramref name="holdSupplies"/>), then pruned: swipes older than <see cref="SwipeWindowMax"/> before
    /// <paramref name="settledAt"/>, supplies run out by <paramref name="visit"/>'s date, and the bounds.
    /// </summary>
    public ControlHistory With(string settlementId, string institutionCode, Visit visit, DateTimeOffset settledAt, bool countSwipe, bool holdSupplies)
    {
        ArgumentNullException.ThrowIfNull(visit);
        var swipes = Swipes.Where(s => settledAt - s.SettledAt < SwipeWindowMax).ToList();
        if (countSwipe)
        {
            swipes.Add(new RecentSwipe(settlementId, institutionCode, visit.Type, settledAt));
        }

        var supplies = Supplies.Where(s => s.Until > visit.Date).ToList();
        if (holdSupplies)
        {
            foreach (var line in visit.FeeLines)
            {
                if (line.SupplyDays is { } days && days > 0)
                {
                    supplies.Add(new HeldSupply(settlementId, institutionCode, visit.Type, line.CatalogueCode, visit.Date, days));
                }
            }
        }

        return new ControlHistory
        {
            Swipes = swipes.Count > SwipesMax ? swipes[^SwipesMax..] : swipes,
            Supplies = supplies.Count > SuppliesMax ? [.. supplies.OrderByDescending(s => s.Until).Take(SuppliesMax).OrderBy(s => s.From)] : supplies,
        };
    }

    /// <summary>Whether this history holds the swipe, and any supply, of <paramref name="settlementId"/> (what the rules kept of it).</summary>
    public (bool Swipe, bool Supplies) Holds(string settlementId) =>
        (Swipes.Any(s => s.SettlementId == settlementId), Supplies.Any(s => s.SettlementId == settlementId));

    /// <summary>This history without a cancelled settlement's swipe and supplies.</summary>
    public ControlHistory Without(string settlementId) => new()
    {
        Swipes = [.. Swipes.Where(s => s.SettlementId != settlementId)],
        Supplies = [.. Supplies.Where(s => s.SettlementId != settlementId)],
    };
}
