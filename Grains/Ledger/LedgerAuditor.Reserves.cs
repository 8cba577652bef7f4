using Medisettle.Grains.Jobs;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Jobs;
using Medisettle.Interfaces.Ledger;

namespace Medisettle.Grains.Ledger;

/// <summary>
/// The fund income and risk reserve checks: each fund pool's income is the sum of its applied income postings; replaying
/// the reserve runs in journal order, each run's lines are what <see cref="RiskReserve.Line"/> makes of the pooled funds'
/// income and spending of the year through its sequence, the pack in force on 31 December and the earlier runs'
/// set-asides; each reserve pool received exactly its line's set-aside (the pooled fund's side is in the account sums).
/// </summary>
public sealed partial class LedgerAuditor
{
    /// <summary>Each fund pool's income must equal its income postings through its applied position (see <see cref="ReadConsumersAsync"/>).</summary>
    private static void CheckIncome(JournalTotals totals, ConsumerTails consumers, List<string> violations)
    {
        foreach (var (account, income) in totals.Income.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var fund = consumers.States[account];
            var tail = consumers.TailOf(account, income: true);
            var applied = income - tail.NotApplied + tail.AppliedBeyond;
            if (applied != fund.Income)
            {
                violations.Add($"{account}: income {fund.Income} differs from its applied income postings {applied} (applied through {fund.AppliedThrough}).");
            }
        }
    }

    /// <summary>At a reserve run's position: the pooled funds' income and spending postings dated in its year, by fund.</summary>
    private static (Dictionary<string, Money> Income, Dictionary<string, Money> Spending) TakeReserveTotals(RiskReserveRun run, JournalTotals totals) =>
        (totals.YearIncome.Where(pair => pair.Key.Year == run.Year && RiskReserve.IsPooledFund(pair.Key.Account))
                .ToDictionary(pair => pair.Key.Account, pair => pair.Value, StringComparer.Ordinal),
            totals.MonthSpending.Where(pair => pair.Key.Year == run.Year && RiskReserve.IsPooledFund(pair.Key.Account))
                .ToDictionary(pair => pair.Key.Account, pair => Sum(pair.Value), StringComparer.Ordinal));

    private int CheckRiskReserves(Runs runs, RunReplay replay, JournalTotals totals, List<string> violations)
    {
        var reserves = new Dictionary<string, Money>(StringComparer.Ordinal);
        for (var i = 0; i < runs.ReserveRuns.Count; i++)
        {
            var run = runs.ReserveRuns[i].Run;
            var (income, spending) = replay.ReserveTotals[i];
            var expected = new List<RiskReserveLine>();
            foreach (var (fund, amount) in income.Where(pair => !pair.Value.IsZero).OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                var key = FundPoolKey.Parse(fund);
                if (policies.Catalog.Resolve(key.Region, key.Scheme, new DateOnly(run.Year, 12, 31)).FundJobs is { FundJobs.RiskReserve: { } rule } pack)
                {
                    expected.Add(RiskReserve.Line(fund, pack.Id, rule, amount, spending.GetValueOrDefault(fund), reserves.GetValueOrDefault(fund)));
                }
            }

            if (!run.Lines.SequenceEqual(expected))
            {
                violations.Add($"Risk reserve {run.Period}: records [{string.Join("; ", run.Lines.Select(Describe))}], the income and spending it covers make [{string.Join("; ", expected.Select(Describe))}].");
            }

            foreach (var line in run.Lines)
            {
                reserves[line.Fund] = reserves.GetValueOrDefault(line.Fund) + line.SetAside;
                var received = totals.Received.GetValueOrDefault((line.ReserveFund, run.Period));
                if (received != line.SetAside)
                {
                    violations.Add($"Risk reserve {run.Period}: {line.ReserveFund} received {received}, the line sets aside {line.SetAside}.");
                }
            }
        }

        return runs.ReserveRuns.Count;
    }

    private static string Describe(RiskReserveLine line) =>
        $"{line.Fund} income {line.Income}, spending {line.Spending}, reserve before {line.ReserveBefore}, set aside {line.SetAside}";
}
