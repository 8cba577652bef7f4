using Medisettle.Grains.Jobs;
using Medisettle.Interfaces.Jobs;
using Medisettle.Interfaces.Ledger;

namespace Medisettle.Grains.Ledger;

/// <summary>
/// The monthly payout (拨付) checks: replaying the runs in journal order, each run covers the fund postings through its
/// sequence dated on or before its month's last day that no earlier run covered, and applies the audit deductions
/// recorded before it for its month or an earlier one that no earlier run applied; its lines and totals must be what
/// <see cref="MonthlyPayout"/> makes of them. The payment and deduction postings are checked against the lines in the
/// account sums (<c>ExpectedAccountTotals</c>).
/// </summary>
public sealed partial class LedgerAuditor
{
    private static int CheckPayouts(Ledger ledger, List<string> violations)
    {
        var uncovered = new List<Posting>();
        var pending = new List<AuditDeduction>();
        var (nextPosting, nextDeduction) = (0, 0);
        foreach (var (sequence, run) in ledger.PayoutRuns.OrderBy(r => r.Sequence))
        {
            for (; nextPosting < ledger.FundPostings.Count && ledger.FundPostings[nextPosting].Sequence <= run.ThroughSequence; nextPosting++)
            {
                if (ledger.FundPostings[nextPosting].Posting.Kind is PostingKind.Settlement or PostingKind.Reversal)
                {
                    uncovered.Add(ledger.FundPostings[nextPosting].Posting);
                }
            }

            for (; nextDeduction < ledger.AuditDeductions.Count && ledger.AuditDeductions[nextDeduction].Sequence < sequence; nextDeduction++)
            {
                pending.Add(ledger.AuditDeductions[nextDeduction].Deduction);
            }

            var covered = uncovered.Where(p => p.SettlementDate <= run.Month.LastDay).ToList();
            var applied = pending.Where(d => d.Month <= run.Month).ToList();
            uncovered.RemoveAll(p => p.SettlementDate <= run.Month.LastDay);
            pending.RemoveAll(d => d.Month <= run.Month);
            var lines = MonthlyPayout.Lines(covered.Select(p => (p.Account, p.InstitutionCode, p.Amount)), applied);
            CheckRun(run, lines, applied.Select(d => d.DeductionId).ToList(), violations);
        }

        return ledger.PayoutRuns.Count;
    }

    private static void CheckRun(MonthlyPayoutRun run, IReadOnlyList<MonthlyPayoutLine> lines, IReadOnlyList<string> deductionIds, List<string> violations)
    {
        var recorded = run.Lines.GroupBy(l => (l.Fund, l.InstitutionCode)).ToDictionary(g => g.Key, g => g.First());
        var expected = lines.ToDictionary(l => (l.Fund, l.InstitutionCode));
        foreach (var key in recorded.Keys.Union(expected.Keys).Order())
        {
            var has = recorded.GetValueOrDefault(key);
            var want = expected.GetValueOrDefault(key);
            if (has != want)
            {
                violations.Add($"Monthly payout {run.Period}: fund {key.Fund} to institution {key.InstitutionCode} records {Describe(has)}, the postings and deductions it covers make {Describe(want)}.");
            }
        }

        if (!run.DeductionIds.SequenceEqual(deductionIds, StringComparer.Ordinal))
        {
            violations.Add($"Monthly payout {run.Period}: applies deductions [{string.Join(", ", run.DeductionIds)}], those due are [{string.Join(", ", deductionIds)}].");
        }

        var (owed, deducted, paid) = (Sum(run.Lines.Select(l => l.Owed)), Sum(run.Lines.Select(l => l.Deducted)), Sum(run.Lines.Select(l => l.Paid)));
        if ((owed, deducted, paid) != (run.Owed, run.Deducted, run.Paid))
        {
            violations.Add($"Monthly payout {run.Period}: totals owed {run.Owed}, deducted {run.Deducted}, paid {run.Paid}; its lines sum to {owed}, {deducted}, {paid}.");
        }
    }

    private static string Describe(MonthlyPayoutLine? line) =>
        line is null ? "no line" : $"owed {line.Owed}, deductions {line.DeductionsRecorded}, deducted {line.Deducted}, paid {line.Paid}";
}
