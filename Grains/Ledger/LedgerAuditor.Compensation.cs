using Medisettle.Grains.Jobs;
using Medisettle.Interfaces.Jobs;
using Medisettle.Interfaces.Ledger;

namespace Medisettle.Grains.Ledger;

/// <summary>
/// The 二次补偿 checks: each run's funds and persons are what <see cref="SecondaryCompensation.Compute"/> makes of the
/// settlement records (not cancelled) and pooled-fund postings through its sequence, with the pack in force on 31
/// December; each person's compensation posting equals their line (the fund's sum is in the account sums). Pass 2 keeps
/// the self-pay by fund and person of each year that has a run, a cancel taking its settlement's back.
/// </summary>
public sealed partial class LedgerAuditor
{
    /// <summary>
    /// At a 二次补偿 run's position: what <see cref="SecondaryCompensation.Compute"/> makes of the pooled funds' income and
    /// spending of its year and the persons' self-pay of its year as they stand there.
    /// </summary>
    private (List<CompensationFund> Funds, List<CompensationLine> Persons) TakeCompensation(CompensationRun run, JournalTotals totals)
    {
        var selfPay = totals.SelfPay[run.Year];
        var funds = new List<CompensationFund>();
        var persons = new List<CompensationLine>();
        var incomes = totals.YearIncome
            .Where(pair => pair.Key.Year == run.Year && !pair.Value.IsZero && RiskReserve.IsPooledFund(pair.Key.Account))
            .Select(pair => (Fund: pair.Key.Account, Income: pair.Value))
            .OrderBy(pair => pair.Fund, StringComparer.Ordinal);
        foreach (var (fund, income) in incomes)
        {
            var key = FundPoolKey.Parse(fund);
            if (policies.Catalog.Resolve(key.Region, key.Scheme, new DateOnly(run.Year, 12, 31)).FundJobs is { FundJobs.SecondaryCompensation: { } rule } pack)
            {
                // As CompensationYear counts it: settlements, reversals, payout deductions and the year's reserve set-aside.
                var spending = Sum(totals.MonthSpending.GetValueOrDefault((fund, run.Year)) ?? []) + totals.YearSetAside.GetValueOrDefault((fund, run.Year));
                var (line, lines) = SecondaryCompensation.Compute(fund, pack.Id, rule, income, spending, selfPay.GetValueOrDefault(fund) ?? []);
                funds.Add(line);
                persons.AddRange(lines);
            }
        }

        return (funds, persons);
    }

    private static int CheckCompensations(Runs runs, RunReplay replay, JournalTotals totals, List<string> violations)
    {
        for (var i = 0; i < runs.CompensationRuns.Count; i++)
        {
            var run = runs.CompensationRuns[i].Run;
            var (funds, persons) = replay.Compensations[i];
            if (!run.Funds.SequenceEqual(funds))
            {
                violations.Add($"二次补偿 {run.Period}: records funds [{string.Join("; ", run.Funds.Select(Describe))}], the journal makes [{string.Join("; ", funds.Select(Describe))}].");
            }

            foreach (var (has, want) in run.Persons.Zip(persons).Where(pair => pair.First != pair.Second))
            {
                violations.Add($"二次补偿 {run.Period}: person {has.PersonId} self-pay {has.SelfPay}, entitled {has.Entitlement}, paid {has.Paid}; the journal makes person {want.PersonId} self-pay {want.SelfPay}, entitled {want.Entitlement}, paid {want.Paid}.");
            }

            if (run.Persons.Count != persons.Count)
            {
                violations.Add($"二次补偿 {run.Period}: {run.Persons.Count} persons recorded, the journal makes {persons.Count}.");
            }

            foreach (var line in run.Persons)
            {
                var paid = totals.CompensationPaid.GetValueOrDefault((run.Period, line.Fund, line.PersonId));
                if (paid != line.Paid)
                {
                    violations.Add($"二次补偿 {run.Period}: person {line.PersonId} was paid {paid} by {line.Fund}, the line pays {line.Paid}.");
                }
            }
        }

        return runs.CompensationRuns.Count;
    }

    private static string Describe(CompensationFund fund) =>
        $"{fund.Fund} income {fund.Income}, spending {fund.Spending}, available {fund.Available}, entitled {fund.Entitled}, paid {fund.Paid}";
}
