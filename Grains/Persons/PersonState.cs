using Medisettle.Interfaces;
using Medisettle.Interfaces.Settlement;

namespace Medisettle.Grains.Persons;

/// <summary>The durable state of a person grain (one JSON row, written with each settlement).</summary>
public sealed class PersonState
{
    /// <summary>Null until the person is enrolled.</summary>
    public PersonProfile? Profile { get; set; }

    public Money AccountBalance { get; set; }

    /// <summary>Accumulators by benefit year (older years are kept for late cancels).</summary>
    public Dictionary<int, YearToDate> Years { get; set; } = [];

    /// <summary>Settlements made so far; the next settlement id is derived from it.</summary>
    public long SettlementCount { get; set; }

    /// <summary>
    /// Committed, not-cancelled settlements that may still be cancelled: visit id → settlement. Entries older
    /// than <see cref="SettlementOptions.CancelWindowYears"/> benefit years are dropped, so the state stays small.
    /// </summary>
    public Dictionary<string, ActiveSettlement> ActiveSettlements { get; set; } = [];

    /// <summary>
    /// The most recent answers by message key (<c>{institution}:{msgid}</c>), oldest first, bounded by
    /// <see cref="SettlementOptions.RecentMessagesMax"/>. A cache in front of the journal's message receipts;
    /// rejections are remembered only here.
    /// </summary>
    public List<RecentMessage> RecentMessages { get; set; } = [];
}
