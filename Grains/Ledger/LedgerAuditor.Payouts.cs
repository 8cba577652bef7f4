using Medisettle.Grains.Jobs;
using Medisettle.Interfaces.Jobs;

namespace Medisettle.Grains.Ledger;

/// <summary>
/// The monthly payout (拨付) checks: replaying the runs in journal order, each run covers the fund postings through its
/// sequence dated on or before its month's last day that no earlier run covered, and applies the audit deductions
/// recorded before it for its month or an earlier one that no earlier run applied; its lines and totals must be what
/// <see cref="MonthlyPayout"/> makes of them. The payment and deduction postings are checked against the lines in the
/// account sums (<c>AddRunLines</c>). The postings are summed by fund, institution and month as pass 2 reads them.
/// </summary>
public sealed partial class LedgerAuditor
{
    /// <summary>
    /// Checks the payout run written at <paramref name="sequence"/> when pass 2 reaches its position: it covers the fund
    /// settlement and reversal sums not yet covered that are dated in its month or before (taken out of the sums), and
    /// applies the deductions recorded before it for its month or an earlier one that no earlier run applied.
    /// </summary>
    private static void CheckPayout(long sequence, MonthlyPayoutRun run, Runs runs, RunReplay replay, JournalTotals totals)
    {
        for (; replay.NextDeduction < runs.AuditDeductions.Count && runs.AuditDeductions[replay.NextDeduction].Sequence < sequence; replay.NextDeduction++)
        {
            replay.PendingDeductions.Add(runs.AuditDeductions[replay.NextDeduction].Deduction);
        }

        var covered = totals.Uncovered.Where(pair => pair.Key.Month <= run.Month).ToList();
        foreach (var (key, _) in covered)
        {
            totals.Uncovered.Remove(key);
        }

        var applied = replay.PendingDeductions.Where(d => d.Month <= run.Month).ToList();
        replay.PendingDeductions.RemoveAll(d => d.Month <= run.Month);
        var lines = MonthlyPayout.Lines(covered.Select(pair => (pair.Key.Fund, pair.Key.InstitutionCode, pair.Value)), applied);
        CheckRun(run, lines, applied.Select(d => d.DeductionId).ToList(), replay.PayoutViolations);
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
