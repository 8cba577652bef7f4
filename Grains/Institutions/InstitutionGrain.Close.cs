using Medisettle.Grains.Ledger;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Ledger;
using Medisettle.Storage.Journal;

namespace Medisettle.Grains.Institutions;

/// <summary>
/// Daily close (日结): a closed day's totals are frozen. The close and its journal entry (<c>close:{code}:{date}</c>)
/// commit with the state in one transaction, once. A receivable posting applied afterwards for a closed day — a
/// settlement dated on it that reached this grain late, or a cancel of one of its settlements — is booked to the next
/// open day (the first later day not closed), where 3201 reports it; the frozen day never changes, and the auditor
/// recomputes the same booking from the journal (<see cref="LedgerAuditor"/>).
/// </summary>
public sealed partial class InstitutionGrain
{
    public async Task<DailyClose> CloseDayAsync(DateOnly date)
    {
        if (S.Closes.Find(c => c.Totals.Date == date) is { } closed)
        {
            return closed;
        }

        var code = this.GetPrimaryKeyString();
        var close = new DailyClose
        {
            InstitutionCode = code,
            Totals = S.DailyTotals.Find(d => d.Date == date) ?? ZeroTotal(date),
            ThroughSequence = S.AppliedThroughSequence,
            ClosedAt = time.GetUtcNow(),
        };
        S.Closes.Add(close);
        S.Closes.Sort((a, b) => a.Totals.Date.CompareTo(b.Totals.Date));
        if (S.Closes.Count > InstitutionState.ClosesMax)
        {
            S.Closes.RemoveRange(0, S.Closes.Count - InstitutionState.ClosesMax);
        }

        await state.WriteOrReloadAsync([new JournalAppend(LedgerNames.CloseStream(code), LedgerNames.CloseEntry(code, date), LedgerJson.Serialize(close))]);
        return close;
    }

    /// <summary>The day a posting for <paramref name="settlementDate"/> counts on: its own date, or the next open day after it when closed.</summary>
    private DateOnly BookingDate(DateOnly settlementDate)
    {
        var date = settlementDate;
        while (S.Closes.Exists(c => c.Totals.Date == date))
        {
            date = date.AddDays(1);
        }

        return date;
    }

    internal static DailyTotal ZeroTotal(DateOnly date) =>
        new() { Date = date, SettlementCount = 0, MedicalFeeTotal = Money.Zero, FundPaid = Money.Zero, AccountPaid = Money.Zero, CashPaid = Money.Zero };
}
