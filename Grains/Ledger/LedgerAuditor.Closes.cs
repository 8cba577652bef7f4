using Medisettle.Interfaces;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Ledger;

namespace Medisettle.Grains.Ledger;

/// <summary>
/// The daily-close checks: every frozen day equals what the institution's receivable postings through the close's
/// sequence book on that day — recomputed from the journal with the institution's rule (a posting for a day closed
/// before it arrived counts on the next open day); the institution still holds the frozen figure; every run lists only
/// institutions that have their close, and its sums are theirs.
/// </summary>
public sealed partial class LedgerAuditor
{
    private async Task<int> CheckClosesAsync(Ledger ledger, List<string> violations)
    {
        var checkedCount = 0;
        foreach (var (code, closes) in ledger.Closes.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var booked = BookedTotals(ledger.ReceivablePostings.GetValueOrDefault(code) ?? [], closes);
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

        foreach (var run in ledger.CloseRuns)
        {
            var closes = run.Institutions
                .Select(code => (code, close: ledger.Closes.GetValueOrDefault(code)?.FirstOrDefault(c => c.Totals.Date == run.Date)))
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

    /// <summary>
    /// Replays the institution's receivable postings in journal order with its closes in between (a close comes after
    /// every posting through its sequence): each posting counts on its settlement date, or the next day not yet closed.
    /// Answers what each close should have frozen.
    /// </summary>
    private static Dictionary<DailyClose, DailyTotal> BookedTotals(List<(long Sequence, Posting Posting)> postings, List<DailyClose> closes)
    {
        var ordered = closes.OrderBy(c => c.ThroughSequence).ToList();
        var days = new Dictionary<DateOnly, DailyTotal>();
        var closed = new HashSet<DateOnly>();
        var frozen = new Dictionary<DailyClose, DailyTotal>(ReferenceEqualityComparer.Instance);
        var next = 0;
        foreach (var (sequence, posting) in postings)
        {
            while (next < ordered.Count && ordered[next].ThroughSequence < sequence)
            {
                Freeze(ordered[next++]);
            }

            var date = posting.SettlementDate;
            while (closed.Contains(date))
            {
                date = date.AddDays(1);
            }

            var totals = posting.Totals!;
            var day = days.GetValueOrDefault(date) ?? Zero(date);
            days[date] = Plus(day, new DailyTotal
            {
                Date = date,
                SettlementCount = posting.Kind == PostingKind.Reversal ? -1 : 1,
                MedicalFeeTotal = totals.MedicalFeeTotal,
                FundPaid = totals.FundPaid,
                AccountPaid = totals.AccountPaid,
                CashPaid = totals.CashPaid,
            });
        }

        while (next < ordered.Count)
        {
            Freeze(ordered[next++]);
        }

        return frozen;

        void Freeze(DailyClose close)
        {
            frozen[close] = days.GetValueOrDefault(close.Totals.Date) ?? Zero(close.Totals.Date);
            closed.Add(close.Totals.Date);
        }
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
