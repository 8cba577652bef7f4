using Medisettle.Grains.Jobs;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Jobs;
using Medisettle.Interfaces.Ledger;

namespace Medisettle.Grains.Ledger;

/// <summary>
/// The insurer cooperation checks: replaying its runs in journal order, each month's lines are what
/// <see cref="InsurerCooperation.MonthLine"/> makes of the agreements recorded before it, the pooled fund's spending
/// postings dated in the year up to the month's end through its sequence, the pack in force and the month before; each
/// year-end line what <see cref="InsurerCooperation.YearLine"/> makes of December's line, the year's spending and the
/// assessments recorded before it. Each risk account received exactly its lines' income postings (the premiums and the
/// pooled fund's risk fund are in the account sums).
/// </summary>
public sealed partial class LedgerAuditor
{
    private int CheckInsurerCooperation(Runs runs, RunReplay replay, JournalTotals totals, List<string> violations)
    {
        var monthRuns = new Dictionary<BusinessMonth, InsurerCooperationRun>();
        for (var i = 0; i < runs.InsurerRuns.Count; i++)
        {
            var (sequence, run) = runs.InsurerRuns[i];
            var spendingThrough = replay.InsurerSpending[i];
            var agreements = runs.InsurerAgreements.Where(a => a.Sequence < sequence && a.Agreement.Year == run.Year)
                .Select(a => a.Agreement).OrderBy(a => a.Fund, StringComparer.Ordinal).ToList();
            if (run.Month is { } month)
            {
                var expected = new List<InsurerMonthLine>();
                foreach (var agreement in agreements)
                {
                    if (InsurerPack(agreement.Fund, month.LastDay) is { } pack)
                    {
                        var spending = spendingThrough.GetValueOrDefault(agreement.Fund);
                        expected.Add(InsurerCooperation.MonthLine(agreement.Fund, pack.Id, pack.FundJobs!.InsurerCooperation!, agreement, month, spending,
                            month.Month == 1 ? null : MonthLineOf(month.Previous(), agreement.Fund)));
                    }
                }

                Compare(run.Months, expected, l => l.RiskAccount, InsurerCooperation.RiskAccountIncome);
                monthRuns[month] = run;
            }
            else
            {
                var expected = new List<InsurerYearLine>();
                foreach (var agreement in agreements)
                {
                    if (MonthLineOf(new BusinessMonth(run.Year, 12), agreement.Fund) is { } december && InsurerPack(agreement.Fund, new DateOnly(run.Year, 12, 31)) is { } pack)
                    {
                        var assessed = runs.InsurerAssessments.Where(a => a.Sequence < sequence && a.Assessment.Fund == agreement.Fund && a.Assessment.Year == run.Year).ToList();
                        expected.Add(InsurerCooperation.YearLine(pack.Id, pack.FundJobs!.InsurerCooperation!, agreement, december,
                            spendingThrough.GetValueOrDefault(agreement.Fund),
                            assessed.Count(a => a.Assessment.Kind == InsurerAssessmentKind.Complaint), assessed.Count(a => a.Assessment.Kind == InsurerAssessmentKind.MissedWarning)));
                    }
                }

                Compare(run.Years, expected, l => l.RiskAccount, InsurerCooperation.RiskAccountIncome);
            }

            InsurerMonthLine? MonthLineOf(BusinessMonth month, string fund) => monthRuns.GetValueOrDefault(month)?.Months.FirstOrDefault(l => l.Fund == fund);

            void Compare<TLine>(IReadOnlyList<TLine> recorded, List<TLine> expected, Func<TLine, string> riskAccount, Func<TLine, Money> income)
            {
                if (!recorded.SequenceEqual(expected))
                {
                    violations.Add($"Insurer cooperation {run.Period}: records [{string.Join("; ", recorded)}], the agreements and fund postings it covers make [{string.Join("; ", expected)}].");
                }

                foreach (var line in recorded)
                {
                    var account = riskAccount(line);
                    var received = totals.Received.GetValueOrDefault((account, run.Period));
                    if (received != income(line))
                    {
                        violations.Add($"Insurer cooperation {run.Period}: {account} received {received}, the line makes {income(line)}.");
                    }
                }
            }
        }

        return runs.InsurerRuns.Count;
    }

    private Policy.PolicyPack? InsurerPack(string fund, DateOnly date)
    {
        var key = FundPoolKey.Parse(fund);
        return policies.Catalog.Resolve(key.Region, key.Scheme, date).FundJobs is { FundJobs.InsurerCooperation: not null } pack ? pack : null;
    }

    /// <summary>
    /// At an insurer run's position: each fund's spending postings dated in the run's year up to its month's last day
    /// (31 December for the year-end settlement).
    /// </summary>
    private static Dictionary<string, Money> TakeInsurerSpending(InsurerCooperationRun run, JournalTotals totals)
    {
        var through = run.Month?.LastDay ?? new DateOnly(run.Year, 12, 31);
        var months = through.Year > run.Year ? 12 : through.Year < run.Year ? 0 : through.Month;
        return totals.MonthSpending.Where(pair => pair.Key.Year == run.Year)
            .ToDictionary(pair => pair.Key.Account, pair => Sum(pair.Value.Take(months)), StringComparer.Ordinal);
    }
}
