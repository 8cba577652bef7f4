namespace Medisettle.Grains.Ledger;

/// <summary>
/// The most the ledger auditor held at once during one audit, by kind, measured on its own collections after each page
/// of the journal: what keeps the audit bounded is that none of these grows with the number of settlements or postings.
/// </summary>
internal sealed class AuditFootprint
{
    /// <summary>Journal entries of one page (at most the page size).</summary>
    public int Entries { get; private set; }

    /// <summary>Keyed sums over accounts: postings, implied totals and income, each by account.</summary>
    public int AccountSums { get; private set; }

    public int Persons { get; private set; }

    /// <summary>Person and benefit year accumulators.</summary>
    public int PersonYears { get; private set; }

    /// <summary>Institution days summed for the daily-close check.</summary>
    public int InstitutionDays { get; private set; }

    /// <summary>Fund, institution and month sums not yet covered by a payout run.</summary>
    public int PayoutBuckets { get; private set; }

    /// <summary>Fund and person self-pay sums of the years with a 二次补偿 run.</summary>
    public int SelfPayEntries { get; private set; }

    /// <summary>Settlement ids held: only those cancelled before their record in journal order (none in a journal as written).</summary>
    public int SettlementIds { get; private set; }

    internal void Observe(int entries, int accountSums, int persons, int personYears, int institutionDays, int payoutBuckets, int selfPayEntries, int settlementIds)
    {
        Entries = Math.Max(Entries, entries);
        AccountSums = Math.Max(AccountSums, accountSums);
        Persons = Math.Max(Persons, persons);
        PersonYears = Math.Max(PersonYears, personYears);
        InstitutionDays = Math.Max(InstitutionDays, institutionDays);
        PayoutBuckets = Math.Max(PayoutBuckets, payoutBuckets);
        SelfPayEntries = Math.Max(SelfPayEntries, selfPayEntries);
        SettlementIds = Math.Max(SettlementIds, settlementIds);
    }
}
