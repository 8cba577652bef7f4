using Medisettle.Grains.Policy;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Ledger;
using Medisettle.Interfaces.Settlement;

namespace Medisettle.Grains.Persons;

/// <summary>
/// The state of a person grain. Its row is a checkpoint: settlements and cancels commit as journal entries of the
/// person's stream, and the row is rewritten every <see cref="SettlementOptions.PersonCheckpointEvery"/> of them and on
/// deactivation; after a crash the grain applies the entries after <see cref="Journal"/> again
/// (<see cref="ReplaySettlement"/>, <see cref="ReplayCancellation"/>).
/// </summary>
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

    /// <summary>How far into the person's journal stream this state goes; null in rows written before checkpoints (they include every entry).</summary>
    public PersonJournalPosition? Journal { get; set; }

    /// <summary>
    /// Applies a committed settlement from its journal record exactly as <see cref="PersonGrain"/> applied it when it
    /// committed: the year's accumulators plus its delta (a year not yet held starts from zero, as the engine starts it),
    /// the balance after it, the live settlement, and the control history with the swipe and supplies the rules kept.
    /// </summary>
    public void ReplaySettlement(SettlementRecord record, int cancelWindowYears)
    {
        ArgumentNullException.ThrowIfNull(record);
        var visit = record.Input?.Visit
            ?? throw new InvalidOperationException($"Settlement {record.SettlementId} has no engine input in its record; the person's state cannot be rebuilt from it.");
        var breakdown = record.Breakdown;
        var year = YearToDate.HeldOrEmpty(Years, breakdown.Delta.BenefitYear);
        ApplySettlement(breakdown.VisitId, record.SettlementId, breakdown, year.Apply(breakdown.Delta), cancelWindowYears);
        ControlHistory = ControlHistory.With(record.SettlementId, record.InstitutionCode, visit, record.SettledAt, record.KeptSwipe == true, record.KeptSupplies == true);
    }

    /// <summary>Applies a committed cancel of <paramref name="settled"/> exactly as <see cref="PersonGrain"/> applied it.</summary>
    public void ReplayCancellation(SettlementRecord settled)
    {
        ArgumentNullException.ThrowIfNull(settled);
        ReverseSettlement(settled.Breakdown);
        ControlHistory = ControlHistory.Without(settled.SettlementId);
    }

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
        Years[delta.BenefitYear] = SettlementEngine.ReverseOnYear(YearToDate.HeldOrEmpty(Years, delta.BenefitYear), breakdown);
        AccountBalance = SettlementEngine.ReverseOnAccount(AccountBalance, breakdown);
        ActiveSettlements.Remove(breakdown.VisitId);
    }

    /// <summary>The accumulators the engine is given for a visit decided in <paramref name="year"/> (<see cref="YearToDate.LatestNotAfter"/>).</summary>
    public YearToDate YearToDateFor(int year) => YearToDate.LatestNotAfter(Years, year);

    /// <summary>The first benefit year whose settlements may still be cancelled.</summary>
    public int CancelWindowStartYear(int cancelWindowYears) =>
        (Years.Count == 0 ? int.MinValue + cancelWindowYears : Years.Keys.Max()) - cancelWindowYears + 1;
}
