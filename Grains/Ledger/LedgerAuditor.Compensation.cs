using Medisettle.Grains.Jobs;
using Medisettle.Interfaces.Jobs;
using Medisettle.Interfaces.Ledger;

namespace Medisettle.Grains.Ledger;

/// <summary>
/// The 二次补偿 checks: each run's funds and persons are what <see cref="SecondaryCompensation.Compute"/> makes of the
/// settlement records (not cancelled) and pooled-fund postings through its sequence, with the pack in force on 31
/// December; each person's compensation posting equals their line (the fund's sum is in the account sums).
/// </summary>
public sealed partial class LedgerAuditor
{
    private int CheckCompensations(Ledger ledger, List<string> violations)
    {
        foreach (var (_, run) in ledger.CompensationRuns)
        {
            var read = new CompensationYear();
            foreach (var (sequence, posting) in ledger.FundPostings.Concat(ledger.IncomePostings).Where(p => p.Sequence <= run.ThroughSequence && RiskReserve.IsPooledFund(p.Posting.Account)))
            {
                read.Add(posting, run.Year);
            }

            read.AddSelfPay(
                ledger.Settlements.Values.Where(r => ledger.SettledAt[r.SettlementId] <= run.ThroughSequence
                    && !(ledger.CancelledAt.TryGetValue(r.SettlementId, out var at) && at <= run.ThroughSequence)),
                run.Year);
            var funds = new List<CompensationFund>();
            var persons = new List<CompensationLine>();
            foreach (var (fund, income) in read.Income.Where(p => !p.Value.IsZero).OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var key = FundPoolKey.Parse(fund);
                if (policies.Catalog.Resolve(key.Region, key.Scheme, new DateOnly(run.Year, 12, 31)).FundJobs is { FundJobs.SecondaryCompensation: { } rule } pack)
                {
                    var (line, lines) = SecondaryCompensation.Compute(fund, pack.Id, rule, income, read.Spending.GetValueOrDefault(fund), read.SelfPay.GetValueOrDefault(fund) ?? []);
                    funds.Add(line);
                    persons.AddRange(lines);
                }
            }

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

            var posted = ledger.FundPostings.Where(p => p.Posting.Kind == PostingKind.Compensation && p.Posting.SettlementId == run.Period)
                .ToDictionary(p => (p.Posting.Account, p.Posting.PersonId), p => p.Posting.Amount);
            foreach (var line in run.Persons.Where(l => posted.GetValueOrDefault((l.Fund, l.PersonId)) != l.Paid))
            {
                violations.Add($"二次补偿 {run.Period}: person {line.PersonId} was paid {posted.GetValueOrDefault((line.Fund, line.PersonId))} by {line.Fund}, the line pays {line.Paid}.");
            }
        }

        return ledger.CompensationRuns.Count;
    }

    private static string Describe(CompensationFund fund) =>
        $"{fund.Fund} income {fund.Income}, spending {fund.Spending}, available {fund.Available}, entitled {fund.Entitled}, paid {fund.Paid}";
}
