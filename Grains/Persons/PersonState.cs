using Medisettle.Grains.Policy;
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

    /// <summary>Recent swipes and running supplies for the velocity and duplicate-purchase rules (bounded, see <see cref="ControlHistory"/>).</summary>
    public ControlHistory ControlHistory { get; set; } = ControlHistory.Empty;

    /// <summary>
    /// Takes a committed-to-be settlement into the state: the year's new accumulators, the account balance after
    /// it, and the visit's live settlement; then forgets live settlements that <paramref name="cancelWindowYears"/> no longer lets anyone cancel.
    /// </summary>
    public void ApplySettlement(string visitId, string settlementId, SettlementBreakdown breakdown, YearToDate yearAfter, int cancelWindowYears)
    {
        ArgumentNullException.ThrowIfNull(breakdown);
        ArgumentNullException.ThrowIfNull(yearAfter);
        Years[yearAfter.BenefitYear] = yearAfter;
        AccountBalance = breakdown.AccountBalanceAfter;
        ActiveSettlements[visitId] = new ActiveSettlement(settlementId, breakdown.BenefitYear);
        var start = CancelWindowStartYear(cancelWindowYears);
        foreach (var (visit, active) in ActiveSettlements)
        {
            if (active.BenefitYear < start)
            {
                ActiveSettlements.Remove(visit);
            }
        }
    }

    /// <summary>Undoes a settlement exactly: the inverse on its year's accumulators and the account; the visit is free again.</summary>
    public void ReverseSettlement(SettlementBreakdown breakdown)
    {
        ArgumentNullException.ThrowIfNull(breakdown);
        var delta = breakdown.Delta;
        var year = Years.TryGetValue(delta.BenefitYear, out var ytd) ? ytd : YearToDate.Empty(delta.BenefitYear);
        Years[delta.BenefitYear] = SettlementEngine.ReverseOnYear(year, breakdown);
        AccountBalance = SettlementEngine.ReverseOnAccount(AccountBalance, breakdown);
        ActiveSettlements.Remove(breakdown.VisitId);
    }

    /// <summary>The first benefit year whose settlements may still be cancelled.</summary>
    public int CancelWindowStartYear(int cancelWindowYears) =>
        (Years.Count == 0 ? int.MinValue + cancelWindowYears : Years.Keys.Max()) - cancelWindowYears + 1;
}
