using Medisettle.Grains.Jobs;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Grains;
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
    private async Task CheckIncomeAsync(Ledger ledger, List<string> violations)
    {
        foreach (var group in ledger.IncomePostings.GroupBy(p => p.Posting.Account, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var fund = await grains.GetGrain<IFundPoolGrain>(group.Key).GetSnapshotAsync();
            var applied = Sum(group.Where(p => p.Sequence <= fund.AppliedThroughSequence).Select(p => p.Posting.Amount));
            if (applied != fund.Income)
            {
                violations.Add($"{group.Key}: income {fund.Income} differs from its applied income postings {applied} (applied through {fund.AppliedThroughSequence}).");
            }
        }
    }

    private int CheckRiskReserves(Ledger ledger, List<string> violations)
    {
        var reserves = new Dictionary<string, Money>(StringComparer.Ordinal);
        foreach (var (_, run) in ledger.ReserveRuns.OrderBy(r => r.Sequence))
        {
            var income = Totals(ledger.IncomePostings, run);
            var spending = Totals(ledger.FundPostings.Where(p => RiskReserve.IsSpending(p.Posting.Kind)), run);
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
                var received = Sum(ledger.IncomePostings.Where(p => p.Posting.Account == line.ReserveFund && p.Posting.SettlementId == run.Period).Select(p => p.Posting.Amount));
                if (received != line.SetAside)
                {
                    violations.Add($"Risk reserve {run.Period}: {line.ReserveFund} received {received}, the line sets aside {line.SetAside}.");
                }
            }
        }

        return ledger.ReserveRuns.Count;
    }

    /// <summary>The pooled funds' sums of <paramref name="postings"/> dated in the run's year through its sequence, by fund.</summary>
    private static Dictionary<string, Money> Totals(IEnumerable<(long Sequence, Posting Posting)> postings, RiskReserveRun run) =>
        postings
            .Where(p => p.Sequence <= run.ThroughSequence && p.Posting.SettlementDate.Year == run.Year && RiskReserve.IsPooledFund(p.Posting.Account))
            .GroupBy(p => p.Posting.Account, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Sum(g.Select(p => p.Posting.Amount)), StringComparer.Ordinal);

    private static string Describe(RiskReserveLine line) =>
        $"{line.Fund} income {line.Income}, spending {line.Spending}, reserve before {line.ReserveBefore}, set aside {line.SetAside}";
}
