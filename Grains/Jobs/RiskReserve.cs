using Medisettle.Grains.Ledger;
using Medisettle.Grains.Policy;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Jobs;
using Medisettle.Interfaces.Ledger;

namespace Medisettle.Grains.Jobs;

/// <summary>The rules of the year-end risk reserve (风险储备金, P2, S3 §4), pure; the job grain and the auditor both use them.</summary>
public static class RiskReserve
{
    /// <summary>
    /// incomeRate × income is set aside from the surplus until the reserve reaches capRate × income: the least of the
    /// rate amount, the surplus and what the reserve lacks to the cap, never below 0 (nothing in a deficit year, nothing
    /// once the reserve is full). Each rate amount is rounded to the fen half away from zero (<see cref="Money.ApplyRate"/>).
    /// </summary>
    public static RiskReserveLine Line(string fund, string packId, RiskReserveRule rule, Money income, Money spending, Money reserveBefore)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var key = FundPoolKey.Parse(fund);
        var surplus = income - spending;
        var rateAmount = income.ApplyRate(rule.IncomeRate);
        var capAmount = income.ApplyRate(rule.CapRate);
        return new RiskReserveLine
        {
            Fund = fund,
            ReserveFund = new FundPoolKey(key.Region, key.Scheme, FundPoolKey.RiskReserveFund).ToString(),
            PackId = packId,
            Income = income,
            Spending = spending,
            Surplus = surplus,
            ReserveBefore = reserveBefore,
            RateAmount = rateAmount,
            CapAmount = capAmount,
            SetAside = Money.Min(Money.Min(rateAmount, surplus), capAmount - reserveBefore).AtLeastZero(),
        };
    }

    /// <summary>The postings of a run: the set-aside leaves the pooled fund (spending) and is income of its reserve pool.</summary>
    public static IReadOnlyList<Posting> Postings(int year, IReadOnlyList<RiskReserveLine> lines, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var postings = new List<Posting>();
        foreach (var line in lines.Where(l => !l.SetAside.IsZero))
        {
            postings.Add(Make(line.Fund, PostingKind.RiskReserve, line.SetAside));
            postings.Add(Make(line.ReserveFund, PostingKind.Income, line.SetAside));
        }

        return postings;

        Posting Make(string account, PostingKind kind, Money amount) => new()
        {
            PostingId = LedgerNames.RiskReservePostingEntry(year, account),
            SettlementId = LedgerNames.RiskReservePeriod(year),
            Account = account,
            Kind = kind,
            Amount = amount,
            PersonId = "",
            InstitutionCode = "",
            SettlementDate = new DateOnly(year, 12, 31),
            PostedAt = now,
        };
    }

    /// <summary>Whether a fund posting counts as the year's spending for the surplus: settlements, reversals, payout deductions.</summary>
    public static bool IsSpending(PostingKind kind) => kind is PostingKind.Settlement or PostingKind.Reversal or PostingKind.Deduction;

    /// <summary>
    /// Whether the posting account <paramref name="fund"/> is a pooled fund (统筹基金) the reserve is set aside from; an
    /// institution's account (<c>inst:{code}</c>, which a settlement record's carried postings include) is not.
    /// </summary>
    public static bool IsPooledFund(string fund) =>
        !fund.StartsWith(LedgerNames.InstitutionAccountPrefix, StringComparison.Ordinal)
        && FundPoolKey.Parse(fund).Fund == nameof(Interfaces.Settlement.FundType.BasicPooled);
}
