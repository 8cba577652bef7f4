using Medisettle.Interfaces;
using Medisettle.Interfaces.Ledger;

namespace Medisettle.Grains.Jobs;

/// <summary>What 二次补偿 of a year rests on, read from the journal (by the job grain and, the same way, by the auditor).</summary>
public sealed class CompensationYear
{
    /// <summary>The journal position read through.</summary>
    public long Through { get; set; }

    /// <summary>Each pooled fund's income of the year.</summary>
    public Dictionary<string, Money> Income { get; } = new(StringComparer.Ordinal);

    /// <summary>Each pooled fund's spending of the year: settlements, reversals, payout deductions and the year's reserve set-aside.</summary>
    public Dictionary<string, Money> Spending { get; } = new(StringComparer.Ordinal);

    /// <summary>Each pooled fund's persons and their self-pay of the year.</summary>
    public Dictionary<string, Dictionary<string, Money>> SelfPay { get; } = new(StringComparer.Ordinal);

    /// <summary>Adds a pooled fund's posting dated in <paramref name="year"/>.</summary>
    public void Add(Posting posting, int year)
    {
        ArgumentNullException.ThrowIfNull(posting);
        if (posting.SettlementDate.Year != year)
        {
            return;
        }

        if (posting.Kind == PostingKind.Income)
        {
            Income[posting.Account] = Income.GetValueOrDefault(posting.Account) + posting.Amount;
        }
        else if (RiskReserve.IsSpending(posting.Kind) || posting.Kind == PostingKind.RiskReserve)
        {
            Spending[posting.Account] = Spending.GetValueOrDefault(posting.Account) + posting.Amount;
        }
    }

    /// <summary>Adds the self-pay of the settlements (not cancelled) of benefit year <paramref name="year"/>, by the person's pooled fund.</summary>
    public void AddSelfPay(IEnumerable<SettlementRecord> records, int year)
    {
        foreach (var record in records.Where(r => r.Breakdown.BenefitYear == year))
        {
            var selfPay = SecondaryCompensation.SelfPayOf(record.Breakdown);
            if (selfPay.IsZero)
            {
                continue;
            }

            var fund = SecondaryCompensation.FundOf(record.InsuredRegion, record.Scheme);
            if (!SelfPay.TryGetValue(fund, out var persons))
            {
                SelfPay[fund] = persons = new Dictionary<string, Money>(StringComparer.Ordinal);
            }

            persons[record.PersonId] = persons.GetValueOrDefault(record.PersonId) + selfPay;
        }
    }
}
