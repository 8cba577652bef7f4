using System.Text.Json;
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
        var consumers = await ReadConsumersAsync(totals, through, cancellationToken);
        var pending = CheckAccounts(totals, consumers, violations);
        var (persons, caps) = await CheckPersonsAsync(totals, violations);
        var closes = await CheckClosesAsync(runs, totals, violations);
        violations.AddRange(replay.PayoutViolations);
        var reserves = CheckRiskReserves(runs, replay, totals, violations);
        var compensations = CheckCompensations(runs, replay, totals, violations);
        var insurerRuns = CheckInsurerCooperation(runs, replay, totals, violations);
        CheckIncome(totals, consumers, violations);
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

                try
                {
                    await AddEntryAsync(totals, entry, through, cancellationToken);
                }
                catch (JsonException exception)
                {
                    // Nothing of the entry was counted (each kind is read whole before it is added): the audit fails and says why.
                    totals.Violations.Add($"Entry {entry.EntryId} of stream {entry.Stream} cannot be read: {exception.Message}");
                }
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
            return LedgerWriter.CarriedPostingsOf(record);
        }
        catch (InvalidOperationException exception)
        {
            violations.Add($"Entry {entry.EntryId}: {exception.Message}");
            return [];
        }
    }

    private static bool IsSettlement(JournalEntry entry) =>
        LedgerNames.AccountOf(entry.Stream) is null && !IsJobStream(entry.Stream) && LedgerNames.IsSettlementRecord(entry);

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
    /// postings through the consumer's applied position. The sums are the audit's, through its position;
    /// what lies between the two positions (<see cref="ConsumerTails"/>) takes out what the consumer has not applied
    /// yet (counted pending) or adds what it applied beyond the audit's position. Answers the pending count.
    /// </summary>
    private static int CheckAccounts(JournalTotals totals, ConsumerTails consumers, List<string> violations)
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

            var consumer = consumers.States[account];
            var tail = consumers.TailOf(account, income: false);
            var applied = posted - tail.NotApplied + tail.AppliedBeyond;
            pending += tail.NotAppliedCount;
            if (applied != consumer.Balance)
            {
                violations.Add($"{account}: balance {consumer.Balance} differs from its applied postings {applied} (applied through {consumer.AppliedThrough}).");
            }
        }

        return pending;
    }

    /// <summary>What a consumer grain holds: its applied position, its balance (spending or receivable) and, for a fund, its income.</summary>
    private readonly record struct ConsumerState(long AppliedThrough, Money Balance, Money Income);

    /// <summary>An account's postings (income ones, or all others) between the audit's position and its consumer's.</summary>
    private readonly record struct Tail(Money NotApplied, int NotAppliedCount, Money AppliedBeyond)
    {
        /// <summary>Adds a posting at <paramref name="sequence"/>: not applied yet when at or below the audit's position, else applied beyond it.</summary>
        public Tail Add(long sequence, long through, Money amount) => sequence <= through
            ? this with { NotApplied = NotApplied + amount, NotAppliedCount = NotAppliedCount + 1 }
            : this with { AppliedBeyond = AppliedBeyond + amount };
    }

    /// <summary>Every checked account's consumer state, and its tails.</summary>
    private sealed class ConsumerTails
    {
        public Dictionary<string, ConsumerState> States { get; } = new(StringComparer.Ordinal);

        public Dictionary<(string Account, bool Income), Tail> Tails { get; } = [];

        public Tail TailOf(string account, bool income) => Tails.GetValueOrDefault((account, income));
    }

    /// <summary>
    /// The consumer state of every account the audit checks (those with postings, implied amounts or income) and what
    /// lies between the audit's position and each consumer's, read in one pass over the postings (<see cref="PostingFeed"/>,
    /// as settlement records carry them), not once per account and per kind. The pass reads each account's range
    /// (<see cref="TailRange"/>) and no more.
    /// </summary>
    private async Task<ConsumerTails> ReadConsumersAsync(JournalTotals totals, long through, CancellationToken cancellationToken)
    {
        // Read before any consumer's state: every posting at or below it had been applied when the states were read.
        var delivered = await grains.GetGrain<IPostingDispatcherGrain>(PostingDispatcherGrain.Key).GetPositionAsync();
        var consumers = new ConsumerTails();
        foreach (var account in totals.Implied.Keys.Union(totals.Posted.Keys).Union(totals.Income.Keys))
        {
            if (account.StartsWith(LedgerNames.InstitutionAccountPrefix, StringComparison.Ordinal))
            {
                var snapshot = await grains.GetGrain<IInstitutionGrain>(account[LedgerNames.InstitutionAccountPrefix.Length..]).GetSnapshotAsync();
                consumers.States[account] = snapshot is null ? default : new ConsumerState(snapshot.AppliedThroughSequence, snapshot.Receivable, Money.Zero);
            }
            else
            {
                var fund = await grains.GetGrain<IFundPoolGrain>(account).GetSnapshotAsync();
                consumers.States[account] = new ConsumerState(fund.AppliedThroughSequence, fund.Spending, fund.Income);
            }
        }

        await ReadTailsAsync(consumers, through, delivered, cancellationToken);
        return consumers;
    }

    /// <summary>
    /// Where an account's tail lies: above the lower of its consumer's position and the audit's, through the higher.
    /// A consumer behind the audit has applied every posting of its account up to the dispatcher's position
    /// (<paramref name="delivered"/>), so its tail starts no lower: an institution with no posting for months does not
    /// make the pass read the months since.
    /// </summary>
    private static (long After, long Through) TailRange(long applied, long through, long delivered) =>
        applied < through ? (Math.Max(applied, Math.Min(delivered, through)), through) : (through, applied);

    private async Task ReadTailsAsync(ConsumerTails consumers, long through, long delivered, CancellationToken cancellationToken)
    {
        var ranges = consumers.States.ToDictionary(pair => pair.Key, pair => TailRange(pair.Value.AppliedThrough, through, delivered), StringComparer.Ordinal);
        if (ranges.Count == 0)
        {
            return;
        }

        var after = ranges.Values.Min(r => r.After);
        var until = ranges.Values.Max(r => r.Through);
        while (after < until && await PostingFeed.ReadAsync(journal, after, PageSize, cancellationToken) is { Entries: > 0 } page)
        {
            foreach (var (account, (sequence, posting)) in page.Postings)
            {
                if (ranges.TryGetValue(account, out var range) && sequence > range.After && sequence <= range.Through)
                {
                    var key = (account, posting.Kind == PostingKind.Income);
                    consumers.Tails[key] = consumers.Tails.GetValueOrDefault(key).Add(sequence, through, posting.Amount);
                }
            }

            after = page.ReadThrough;
        }
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
