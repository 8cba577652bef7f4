using Medisettle.Grains.Policy;
using Medisettle.Grains.PolicyPacks;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Ledger;
using Medisettle.Interfaces.Settlement;
using Medisettle.Storage.Journal;

namespace Medisettle.Grains.Ledger;

/// <summary>
/// Recomputes every balance from the journal's settlement records, independently of the grains that keep
/// them, and compares. An operator command, not a hot-path check. It reads the journal up to the position it finds
/// when it starts, in two passes: the jobs' entries by their streams (<see cref="ReadRunsAsync"/>), then the whole
/// journal page by page, folded into sums by account, person and year, institution and day, fund and month or year
/// (<see cref="JournalTotals"/>), with the sums each run is checked against taken as the stream passes the run's
/// position. Nothing is kept per settlement or posting: memory grows with persons, accounts, days and runs.
/// </summary>
public sealed partial class LedgerAuditor(IJournal journal, IGrainFactory grains, PolicyCatalogProvider policies)
{
    /// <summary>Journal entries read per page.</summary>
    public const int PageSizeMax = 10_000;

    /// <summary>Journal entries read per page (smaller in tests, to cross pages and checkpoints often).</summary>
    internal int PageSize { get; init; } = PageSizeMax;

    public async Task<AuditReport> AuditAsync(CancellationToken cancellationToken = default) =>
        (await AuditAndMeasureAsync(cancellationToken)).Report;

    /// <summary>The audit, and how much it held at most (for the tests that keep it bounded).</summary>
    internal async Task<(AuditReport Report, AuditFootprint Footprint)> AuditAndMeasureAsync(CancellationToken cancellationToken = default)
    {
        // Both passes stop at the same position, below which every entry is visible: the runs pass 1 finds are the
        // runs pass 2 passes, and an entry committed meanwhile is left to the next audit.
        var through = Math.Min(await journal.ReadHeadSequenceAsync(cancellationToken), await journal.ReadSafeSequenceAsync(cancellationToken));
        var runs = await ReadRunsAsync(through, cancellationToken);
        var replay = new RunReplay(this, runs);
        var footprint = new AuditFootprint();
        var totals = await ReadTotalsAsync(runs, replay, through, footprint, cancellationToken);
        AddRunLines(totals.Implied, runs);

        var violations = new List<string>();
        var pending = await CheckAccountsAsync(totals, through, violations, cancellationToken);
        var (persons, caps) = await CheckPersonsAsync(totals, violations);
        var closes = await CheckClosesAsync(runs, totals, violations);
        violations.AddRange(replay.PayoutViolations);
        var reserves = CheckRiskReserves(runs, replay, totals, violations);
        var compensations = CheckCompensations(runs, replay, totals, violations);
        var insurerRuns = CheckInsurerCooperation(runs, replay, totals, violations);
        await CheckIncomeAsync(totals, through, violations, cancellationToken);
        violations.AddRange(totals.Violations);
        var report = new AuditReport
        {
            Violations = violations,
            Settlements = totals.Settlements,
            Cancellations = totals.Cancellations,
            Postings = totals.Postings,
            PendingPostings = pending,
            PersonsChecked = persons,
            AnnualCapsChecked = caps,
            ClosesChecked = closes,
            PayoutRunsChecked = runs.PayoutRuns.Count,
            RiskReserveRunsChecked = reserves,
            CompensationRunsChecked = compensations,
            InsurerRunsChecked = insurerRuns,
            FundSpending = totals.Implied
                .Where(pair => !pair.Key.StartsWith(LedgerNames.InstitutionAccountPrefix, StringComparison.Ordinal))
                .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal),
        };
        return (report, footprint);
    }

    /// <summary>
    /// Pass 2: every entry through <paramref name="through"/>, in journal order, folded into <see cref="JournalTotals"/>;
    /// before the first entry past a run's position, the run takes what it needs of the sums (<see cref="RunReplay"/>).
    /// </summary>
    private async Task<JournalTotals> ReadTotalsAsync(Runs runs, RunReplay replay, long through, AuditFootprint footprint, CancellationToken cancellationToken)
    {
        var totals = new JournalTotals(runs);
        var checkpoints = replay.Checkpoints(totals);
        var next = 0;
        long after = 0;
        while (after < through)
        {
            var page = await journal.ReadAllAsync(after, PageSize, cancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            foreach (var entry in page)
            {
                if (entry.Sequence > through)
                {
                    break;
                }

                for (; next < checkpoints.Count && checkpoints[next].At < entry.Sequence; next++)
                {
                    checkpoints[next].Take();
                }

                await AddEntryAsync(totals, entry, through, cancellationToken);
            }

            after = page[^1].Sequence;
            Measure(footprint, page.Count, totals);
        }

        for (; next < checkpoints.Count; next++)
        {
            checkpoints[next].Take();
        }

        foreach (var days in totals.Institutions.Values)
        {
            days.Finish();
        }

        Measure(footprint, 0, totals);
        return totals;
    }

    private static void Measure(AuditFootprint footprint, int entries, JournalTotals totals) =>
        footprint.Observe(
            entries,
            totals.Posted.Count + totals.Implied.Count + totals.Income.Count,
            totals.Persons.Count,
            totals.PersonYears,
            totals.Institutions.Values.Sum(days => days.Days),
            totals.Uncovered.Count,
            totals.SelfPayEntries,
            totals.CancelledAhead.Count);

    private async Task AddEntryAsync(JournalTotals totals, JournalEntry entry, long through, CancellationToken cancellationToken)
    {
        if (LedgerNames.AccountOf(entry.Stream) is { } account)
        {
            totals.AddPosting(entry.Sequence, account, LedgerJson.Deserialize<Posting>(entry));
        }
        else if (IsSettlement(entry))
        {
            var record = LedgerJson.Deserialize<SettlementRecord>(entry);
            totals.AddSettlement(entry.EntryId, record);
            foreach (var posting in CarriedPostings(entry, record, totals.Violations))
            {
                totals.AddPosting(entry.Sequence, posting.Account, posting);
            }
        }
        else if (IsCancel(entry))
        {
            // Cancels are few (about 5 % of settlements): each looks its settlement's record up by its unique entry id.
            var cancel = LedgerJson.Deserialize<CancellationRecord>(entry);
            var found = await journal.FindAsync(LedgerNames.SettlementEntry(cancel.SettlementId), cancellationToken);
            var settled = found is not null && found.Sequence <= through && IsSettlement(found) ? found : null;
            totals.AddCancel(entry.EntryId, cancel, settled is null ? null : LedgerJson.Deserialize<SettlementRecord>(settled), settled?.Sequence > entry.Sequence);
        }
    }

    /// <summary>The fund postings <paramref name="record"/> carries; none, and a violation, when they break double entry.</summary>
    private static IReadOnlyList<Posting> CarriedPostings(JournalEntry entry, SettlementRecord record, List<string> violations)
    {
        try
        {
            return LedgerWriter.FundPostingsOf(record);
        }
        catch (InvalidOperationException exception)
        {
            violations.Add($"Entry {entry.EntryId}: {exception.Message}");
            return [];
        }
    }

    private static bool IsSettlement(JournalEntry entry) =>
        LedgerNames.AccountOf(entry.Stream) is null && !IsJobStream(entry.Stream) && entry.EntryId.StartsWith("setl:", StringComparison.Ordinal);

    private static bool IsCancel(JournalEntry entry) =>
        LedgerNames.AccountOf(entry.Stream) is null && !IsJobStream(entry.Stream) && entry.EntryId.StartsWith("cancel:", StringComparison.Ordinal);

    /// <summary>
    /// Adds what the monthly payouts record as paid and deducted, the reserves' set-asides, the compensations and the
    /// insurer's lines to what the accounts' postings must sum to (each run's lines are checked against the fund
    /// postings in its own check).
    /// </summary>
    private static void AddRunLines(Dictionary<string, Money> totals, Runs runs)
    {
        foreach (var line in runs.PayoutRuns.SelectMany(r => r.Run.Lines))
        {
            Add(LedgerNames.InstitutionAccount(line.InstitutionCode), -(line.Paid + line.Deducted));
            Add(line.Fund, -line.Deducted);
        }

        foreach (var line in runs.ReserveRuns.SelectMany(r => r.Run.Lines))
        {
            Add(line.Fund, line.SetAside);
        }

        foreach (var line in runs.CompensationRuns.SelectMany(r => r.Run.Persons))
        {
            Add(line.Fund, line.Paid);
        }

        foreach (var line in runs.InsurerRuns.SelectMany(r => r.Run.Months))
        {
            Add(line.Fund, line.RiskFund);
            Add(line.RiskAccount, line.Premium);
        }

        foreach (var line in runs.InsurerRuns.SelectMany(r => r.Run.Years))
        {
            Add(line.RiskAccount, line.RemainingPremium);
        }

        void Add(string account, Money amount)
        {
            if (!amount.IsZero)
            {
                totals[account] = totals.GetValueOrDefault(account) + amount;
            }
        }
    }

    /// <summary>
    /// Each account's postings must sum to what the settlements and runs imply, and its consumer's balance to its
    /// postings through the consumer's applied position. The sums are the audit's, through <paramref name="through"/>;
    /// the account's own stream is re-read only between the two positions, to take out what the consumer has not
    /// applied yet (counted pending) or add what it applied beyond the audit's position. Answers the pending count.
    /// </summary>
    private async Task<int> CheckAccountsAsync(JournalTotals totals, long through, List<string> violations, CancellationToken cancellationToken)
    {
        var pending = 0;
        foreach (var account in totals.Implied.Keys.Union(totals.Posted.Keys).Order(StringComparer.Ordinal))
        {
            var posted = totals.Posted.GetValueOrDefault(account);
            var implied = totals.Implied.GetValueOrDefault(account);
            if (posted != implied)
            {
                violations.Add($"{account}: postings sum to {posted} but the settlements imply {implied}.");
            }

            var (appliedThrough, balance) = await ConsumerStateAsync(account);
            var tail = await ReadTailAsync(account, income: false, appliedThrough, through, cancellationToken);
            var applied = posted - tail.NotApplied + tail.AppliedBeyond;
            pending += tail.NotAppliedCount;
            if (applied != balance)
            {
                violations.Add($"{account}: balance {balance} differs from its applied postings {applied} (applied through {appliedThrough}).");
            }
        }

        return pending;
    }

    /// <summary>
    /// The postings (income ones, or all others) of <paramref name="account"/> between the audit's position and its
    /// consumer's: those the consumer has not applied (after <paramref name="appliedThrough"/>, through
    /// <paramref name="through"/>) and those it applied beyond the audit's position. An institution's postings are its
    /// stream's rows; a fund's are read from every posting in that range (<see cref="PostingFeed"/>), as settlement
    /// records carry them.
    /// </summary>
    private async Task<(Money NotApplied, int NotAppliedCount, Money AppliedBeyond)> ReadTailAsync(
        string account, bool income, long appliedThrough, long through, CancellationToken cancellationToken)
    {
        var (notApplied, count, beyond) = (Money.Zero, 0, Money.Zero);
        var after = Math.Min(appliedThrough, through);
        var until = Math.Max(appliedThrough, through);
        var institution = account.StartsWith(LedgerNames.InstitutionAccountPrefix, StringComparison.Ordinal);
        var postings = new List<(string Account, AppliedPosting Posting)>();
        while (after < until)
        {
            postings.Clear();
            long readThrough;
            if (institution)
            {
                var page = await journal.ReadAsync(LedgerNames.PostingStream(account), after, PageSize, cancellationToken);
                foreach (var entry in page)
                {
                    PostingFeed.Expand(entry, postings);
                }

                readThrough = page.Count == 0 ? after : page[^1].Sequence;
            }
            else
            {
                var page = await PostingFeed.ReadAsync(journal, after, PageSize, cancellationToken);
                postings.AddRange(page.Postings);
                readThrough = page.ReadThrough;
            }

            if (readThrough == after)
            {
                break;
            }

            foreach (var (sequence, posting) in postings.Where(p => p.Account == account).Select(p => p.Posting).TakeWhile(p => p.Sequence <= until))
            {
                if ((posting.Kind == PostingKind.Income) != income)
                {
                    continue;
                }

                if (sequence <= through)
                {
                    notApplied += posting.Amount;
                    count++;
                }
                else
                {
                    beyond += posting.Amount;
                }
            }

            after = readThrough;
        }

        return (notApplied, count, beyond);
    }

    private async Task<(long AppliedThrough, Money Balance)> ConsumerStateAsync(string account)
    {
        if (account.StartsWith(LedgerNames.InstitutionAccountPrefix, StringComparison.Ordinal))
        {
            var snapshot = await grains.GetGrain<IInstitutionGrain>(account[LedgerNames.InstitutionAccountPrefix.Length..]).GetSnapshotAsync();
            return snapshot is null ? (0, Money.Zero) : (snapshot.AppliedThroughSequence, snapshot.Receivable);
        }

        var fund = await grains.GetGrain<IFundPoolGrain>(account).GetSnapshotAsync();
        return (fund.AppliedThroughSequence, fund.Spending);
    }

    /// <summary>Each person's accumulators must equal the sum of the deltas of their settlements not cancelled.</summary>
    private async Task<(int Persons, int Caps)> CheckPersonsAsync(JournalTotals totals, List<string> violations)
    {
        var checkedCount = 0;
        var capsChecked = 0;
        foreach (var (person, implied) in totals.Persons)
        {
            var snapshot = await grains.GetGrain<IPersonGrain>(person).GetSnapshotAsync();
            if (snapshot is null)
            {
                violations.Add($"Person {person} has settlements but no state.");
                continue;
            }

            foreach (var year in snapshot.Years.Select(y => y.BenefitYear).Union(implied.Keys))
            {
                var actual = snapshot.YearToDateFor(year);
                var want = implied.GetValueOrDefault(year, YearToDate.Empty(year));
                if (!actual.Equals(want))
                {
                    violations.Add($"Person {person} year {year}: accumulators {actual} differ from the settlements' {want}.");
                }
            }

            capsChecked += CheckAnnualCaps(snapshot, violations);
            checkedCount++;
        }

        return (checkedCount, capsChecked);
    }

    /// <summary>
    /// No year's basic fund payment may exceed the annual cap of the person's group in the pack in force at the end of
    /// that benefit year (packs capping on fund payment; an eligible-cost cap is enforced on cost, not checked here).
    /// </summary>
    private int CheckAnnualCaps(PersonSnapshot snapshot, List<string> violations)
    {
        var profile = snapshot.Profile;
        var checkedCount = 0;
        foreach (var year in snapshot.Years)
        {
            var basic = policies.Catalog.Resolve(profile.InsuredRegion, profile.Scheme, new DateOnly(year.BenefitYear, 12, 31)).Basic?.Basic;
            var group = basic?.Groups.FirstOrDefault(g => g.Categories.Contains(profile.Category));
            if (group is not { CapBasis: CapBasis.FundPayment })
            {
                continue;
            }

            if (year.FundsPaid.BasicPooled > group.AnnualCap)
            {
                violations.Add($"Person {profile.PersonId} year {year.BenefitYear}: basic fund paid {year.FundsPaid.BasicPooled} exceeds the annual cap {group.AnnualCap} of group '{group.Name}'.");
            }

            checkedCount++;
        }

        return checkedCount;
    }

    private static Money Sum(IEnumerable<Money> amounts) => amounts.Aggregate(Money.Zero, (a, b) => a + b);
}
