using Medisettle.Grains.Policy;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Jobs;
using Medisettle.Interfaces.Ledger;
using Medisettle.Interfaces.Settlement;

namespace Medisettle.Grains.Jobs;

/// <summary>The rules of 二次补偿 (S4 §4), pure; the job grain and the auditor both use them.</summary>
public static class SecondaryCompensation
{
    /// <summary>The self-pay a settlement adds for the person: an inpatient stay's in-scope amount less every fund's payment.</summary>
    public static Money SelfPayOf(SettlementBreakdown breakdown)
    {
        ArgumentNullException.ThrowIfNull(breakdown);
        return breakdown.VisitType == VisitType.Inpatient ? (breakdown.InScopeAmount - breakdown.FundPaySum).AtLeastZero() : Money.Zero;
    }

    /// <summary>rate × the part of <paramref name="selfPay"/> between the band's bounds (rounded half away from zero).</summary>
    public static Money Entitlement(SecondaryCompensationRule rule, Money selfPay)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var band = (Money.Min(selfPay, rule.SelfPayTo) - rule.SelfPayFrom).AtLeastZero();
        return band.ApplyRate(rule.Rate);
    }

    /// <summary>
    /// One fund's year: available = income − spending − retainedRate × income (at least 0); each person's entitlement is
    /// paid in full when the entitlements fit, else scaled down pro rata: each gets ⌊entitlement × available / entitled⌋
    /// fen and the fen left over go one each to the largest remainders (then by person id), so the paid sum is exactly
    /// what is available.
    /// </summary>
    public static (CompensationFund Fund, IReadOnlyList<CompensationLine> Persons) Compute(
        string fund, string packId, SecondaryCompensationRule rule, Money income, Money spending, IReadOnlyDictionary<string, Money> selfPayByPerson)
    {
        ArgumentNullException.ThrowIfNull(selfPayByPerson);
        var retained = income.ApplyRate(rule.RetainedRate);
        var available = (income - spending - retained).AtLeastZero();
        var entitled = selfPayByPerson
            .Select(p => (Person: p.Key, SelfPay: p.Value, Entitlement: Entitlement(rule, p.Value)))
            .Where(p => !p.Entitlement.IsZero)
            .OrderBy(p => p.Person, StringComparer.Ordinal)
            .ToList();
        var total = entitled.Aggregate(Money.Zero, (sum, p) => sum + p.Entitlement);
        var paid = total <= available ? entitled.Select(p => p.Entitlement).ToList() : Scale(entitled.Select(p => p.Entitlement).ToList(), total, available);
        var lines = entitled.Select((p, i) => new CompensationLine { PersonId = p.Person, Fund = fund, SelfPay = p.SelfPay, Entitlement = p.Entitlement, Paid = paid[i] }).ToList();
        return (new CompensationFund
        {
            Fund = fund,
            PackId = packId,
            Income = income,
            Spending = spending,
            Retained = retained,
            Available = available,
            Entitled = total,
            Paid = Money.Min(total, available),
            Persons = lines.Count,
        }, lines);
    }

    /// <summary>The compensation postings: one per person paid, on the pooled fund (the person's side is cash, not modelled).</summary>
    public static IReadOnlyList<Posting> Postings(int year, IEnumerable<CompensationLine> lines, DateTimeOffset now) =>
        lines.Where(l => !l.Paid.IsZero).Select(l => new Posting
        {
            PostingId = PostingEntry(year, l.Fund, l.PersonId),
            SettlementId = Period(year),
            Account = l.Fund,
            Kind = PostingKind.Compensation,
            Amount = l.Paid,
            PersonId = l.PersonId,
            InstitutionCode = "",
            SettlementDate = new DateOnly(year, 12, 31),
            PostedAt = now,
        }).ToList();

    /// <summary>The period key, <c>secondary-compensation:{yyyy}</c>.</summary>
    public static string Period(int year) => $"secondary-compensation:{year:D4}";

    public static string RunEntry(int year) => "job:" + Period(year);

    public static string PostingEntry(int year, string fund, string personId) => $"post:{Period(year)}:{fund}:{personId}";

    /// <summary>Stream of the completed runs.</summary>
    public const string RunStream = "job:secondary-compensation";

    private static List<Money> Scale(List<Money> entitlements, Money total, Money available)
    {
        var shares = entitlements.Select((e, i) => (Index: i, Floor: Math.BigMul(e.Fen, available.Fen) / total.Fen, Remainder: Math.BigMul(e.Fen, available.Fen) % total.Fen)).ToList();
        var left = available.Fen - shares.Sum(s => (long)s.Floor);
        var bonus = shares.OrderByDescending(s => s.Remainder).ThenBy(s => s.Index).Take((int)left).Select(s => s.Index).ToHashSet();
        return shares.Select(s => new Money((long)s.Floor + (bonus.Contains(s.Index) ? 1 : 0))).ToList();
    }

    internal static string FundOf(string region, Scheme scheme) => FundPoolKey.For(region, scheme, FundType.BasicPooled).ToString();

}
