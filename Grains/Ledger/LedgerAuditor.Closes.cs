using Medisettle.Interfaces;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Ledger;

namespace Medisettle.Grains.Ledger;

/// <summary>
/// The daily-close checks: every frozen day equals what the institution's receivable postings through the close's
/// sequence book on that day — recomputed from the journal with the institution's rule (a posting for a day closed
/// before it arrived counts on the next open day, see <see cref="InstitutionDays"/>); the institution still holds the
/// frozen figure; every run lists only institutions that have their close, and its sums are theirs.
/// </summary>
public sealed partial class LedgerAuditor
{
    private async Task<int> CheckClosesAsync(Runs runs, JournalTotals totals, List<string> violations)
    {
        var checkedCount = 0;
        foreach (var (code, closes) in runs.Closes.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var booked = totals.Institutions[code].Frozen;
            var snapshot = await grains.GetGrain<IInstitutionGrain>(code).GetSnapshotAsync();
            foreach (var close in closes)
            {
                var date = close.Totals.Date;
                if (booked[close] != close.Totals)
                {
                    violations.Add($"Institution {code} close of {date:yyyy-MM-dd}: frozen {Describe(close.Totals)}, but its postings through sequence {close.ThroughSequence} book {Describe(booked[close])}.");
                }

                var held = snapshot?.DailyTotals.FirstOrDefault(d => d.Date == date);
                if (held is not null && held != close.Totals)
                {
                    violations.Add($"Institution {code} holds {Describe(held)} for closed day {date:yyyy-MM-dd}, frozen {Describe(close.Totals)}.");
                }

                checkedCount++;
            }
        }

        foreach (var run in runs.CloseRuns)
        {
            var closes = run.Institutions
                .Select(code => (code, close: runs.Closes.GetValueOrDefault(code)?.FirstOrDefault(c => c.Totals.Date == run.Date)))
                .ToList();
            foreach (var (code, _) in closes.Where(c => c.close is null))
            {
                violations.Add($"Daily close {run.Period}: institution {code} has no close entry.");
            }

            var sum = closes.Where(c => c.close is not null).Select(c => c.close!.Totals).Aggregate(Zero(run.Date), Plus);
            if (sum != run.Totals)
            {
                violations.Add($"Daily close {run.Period}: the run records {Describe(run.Totals)}, its institutions' closes sum to {Describe(sum)}.");
            }
        }

        return checkedCount;
    }

    private static DailyTotal Zero(DateOnly date) =>
        new() { Date = date, SettlementCount = 0, MedicalFeeTotal = Money.Zero, FundPaid = Money.Zero, AccountPaid = Money.Zero, CashPaid = Money.Zero };

    private static DailyTotal Plus(DailyTotal a, DailyTotal b) => a with
    {
        SettlementCount = checked(a.SettlementCount + b.SettlementCount),
        MedicalFeeTotal = a.MedicalFeeTotal + b.MedicalFeeTotal,
        FundPaid = a.FundPaid + b.FundPaid,
        AccountPaid = a.AccountPaid + b.AccountPaid,
        CashPaid = a.CashPaid + b.CashPaid,
    };

    private static string Describe(DailyTotal d) =>
        $"{d.SettlementCount} settlements, medfee {d.MedicalFeeTotal}, fund {d.FundPaid}, account {d.AccountPaid}, cash {d.CashPaid}";
}
