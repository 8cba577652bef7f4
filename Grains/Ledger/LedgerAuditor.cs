using Medisettle.Grains.Jobs;
using Medisettle.Grains.Policy;
using Medisettle.Grains.PolicyPacks;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Jobs;
using Medisettle.Interfaces.Ledger;
using Medisettle.Interfaces.Settlement;
using Medisettle.Storage.Journal;

namespace Medisettle.Grains.Ledger;

/// <summary>
/// Recomputes every balance from the journal's settlement records, independently of the grains that keep
/// them, and compares. Reads the whole journal: an operator command, not a hot-path check.
/// </summary>
public sealed partial class LedgerAuditor(IJournal journal, IGrainFactory grains, PolicyCatalogProvider policies)
{
    /// <summary>Journal entries read per page.</summary>
    public const int PageSizeMax = 10_000;

    public async Task<AuditReport> AuditAsync(CancellationToken cancellationToken = default)
    {
        var ledger = await ReadLedgerAsync(cancellationToken);
        var violations = new List<string>();
        var expected = ExpectedAccountTotals(ledger);
        var pending = 0;
        foreach (var account in expected.Keys.Union(ledger.Postings.Keys).Order(StringComparer.Ordinal))
        {
            var postings = ledger.Postings.GetValueOrDefault(account) ?? [];
            var posted = Sum(postings.Select(p => p.Amount));
            var implied = expected.GetValueOrDefault(account);
            if (posted != implied)
            {
                violations.Add($"{account}: postings sum to {posted} but the settlements imply {implied}.");
            }

            var (appliedThrough, balance) = await ConsumerStateAsync(account);
            var applied = Sum(postings.Where(p => p.Sequence <= appliedThrough).Select(p => p.Amount));
            pending += postings.Count(p => p.Sequence > appliedThrough);
            if (applied != balance)
            {
                violations.Add($"{account}: balance {balance} differs from its applied postings {applied} (applied through {appliedThrough}).");
            }
        }

        var (persons, caps) = await CheckPersonsAsync(ledger, violations);
        var closes = await CheckClosesAsync(ledger, violations);
        var payouts = CheckPayouts(ledger, violations);
        var reserves = CheckRiskReserves(ledger, violations);
        var compensations = CheckCompensations(ledger, violations);
        var insurerRuns = CheckInsurerCooperation(ledger, violations);
        await CheckIncomeAsync(ledger, violations);
        return new AuditReport
        {
            Violations = violations,
            Settlements = ledger.Settlements.Count,
            Cancellations = ledger.Cancelled.Count,
            Postings = ledger.Postings.Values.Sum(list => list.Count),
            PendingPostings = pending,
            PersonsChecked = persons,
            AnnualCapsChecked = caps,
            ClosesChecked = closes,
            PayoutRunsChecked = payouts,
            RiskReserveRunsChecked = reserves,
            CompensationRunsChecked = compensations,
            InsurerRunsChecked = insurerRuns,
            FundSpending = expected
                .Where(pair => !pair.Key.StartsWith(LedgerNames.InstitutionAccountPrefix, StringComparison.Ordinal))
                .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal),
        };
    }

    private async Task<Ledger> ReadLedgerAsync(CancellationToken cancellationToken)
    {
        var ledger = new Ledger();
        long after = 0;
        while (true)
        {
            var page = await journal.ReadAllAsync(after, PageSizeMax, cancellationToken);
            if (page.Count == 0)
            {
                return ledger;
            }

            foreach (var entry in page)
            {
                ledger.Add(entry);
            }

            after = page[^1].Sequence;
        }
    }

    /// <summary>
    /// What each account's postings must sum to, from the settlement records and cancels, less what the monthly payouts
    /// record as paid and deducted (each run's lines are checked against the fund postings in <see cref="CheckPayouts"/>).
    /// </summary>
    private static Dictionary<string, Money> ExpectedAccountTotals(Ledger ledger)
    {
        var totals = new Dictionary<string, Money>(StringComparer.Ordinal);
        foreach (var record in ledger.Settlements.Values)
        {
            var times = ledger.Cancelled.Contains(record.SettlementId) ? 0 : 1;
            var breakdown = record.Breakdown;
            foreach (var line in breakdown.FundLines)
            {
                Add(FundPoolKey.For(record.InsuredRegion, record.Scheme, line.FundType).ToString(), line.AmountPaid, times);
            }

            Add(FundPoolKey.PersonalAccount(record.InsuredRegion, record.Scheme).ToString(), breakdown.AccountPaid, times);
            Add(LedgerNames.InstitutionAccount(record.InstitutionCode), breakdown.FundPaySum + breakdown.AccountPaid, times);
        }

        foreach (var line in ledger.PayoutRuns.SelectMany(r => r.Run.Lines))
        {
            Add(LedgerNames.InstitutionAccount(line.InstitutionCode), -(line.Paid + line.Deducted), 1);
            Add(line.Fund, -line.Deducted, 1);
        }

        foreach (var line in ledger.ReserveRuns.SelectMany(r => r.Run.Lines))
        {
            Add(line.Fund, line.SetAside, 1);
        }

        foreach (var line in ledger.CompensationRuns.SelectMany(r => r.Run.Persons))
        {
            Add(line.Fund, line.Paid, 1);
        }

        foreach (var line in ledger.InsurerRuns.SelectMany(r => r.Run.Months))
        {
            Add(line.Fund, line.RiskFund, 1);
            Add(line.RiskAccount, line.Premium, 1);
        }

        foreach (var line in ledger.InsurerRuns.SelectMany(r => r.Run.Years))
        {
            Add(line.RiskAccount, line.RemainingPremium, 1);
        }

        return totals;

        void Add(string account, Money amount, int times)
        {
            if (amount.IsZero)
            {
                return;
            }

            totals[account] = totals.GetValueOrDefault(account) + (times == 1 ? amount : Money.Zero);
        }
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
    private async Task<(int Persons, int Caps)> CheckPersonsAsync(Ledger ledger, List<string> violations)
    {
        var byPerson = ledger.Settlements.Values
            .Where(r => !ledger.Cancelled.Contains(r.SettlementId))
            .GroupBy(r => r.PersonId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var checkedCount = 0;
        var capsChecked = 0;
        foreach (var person in ledger.Settlements.Values.Select(r => r.PersonId).Distinct(StringComparer.Ordinal))
        {
            var snapshot = await grains.GetGrain<IPersonGrain>(person).GetSnapshotAsync();
            if (snapshot is null)
            {
                violations.Add($"Person {person} has settlements but no state.");
                continue;
            }

            var implied = new Dictionary<int, YearToDate>();
            foreach (var record in byPerson.GetValueOrDefault(person) ?? [])
            {
                var delta = record.Breakdown.Delta;
                implied[delta.BenefitYear] = implied.GetValueOrDefault(delta.BenefitYear, YearToDate.Empty(delta.BenefitYear)).Apply(delta);
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

    /// <summary>The journal as read by the auditor.</summary>
    private sealed class Ledger
    {
        public Dictionary<string, SettlementRecord> Settlements { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Cancelled { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, List<(long Sequence, Money Amount)>> Postings { get; } = new(StringComparer.Ordinal);

        /// <summary>Receivable postings with their headline totals per institution, in journal order.</summary>
        public Dictionary<string, List<(long Sequence, Posting Posting)>> ReceivablePostings { get; } = new(StringComparer.Ordinal);

        /// <summary>Daily closes per institution (by their stream, <c>close:{code}</c>).</summary>
        public Dictionary<string, List<DailyClose>> Closes { get; } = new(StringComparer.Ordinal);

        public List<DailyCloseRun> CloseRuns { get; } = [];

        /// <summary>Fund postings other than income (settlements, reversals, payout deductions, reserve set-asides), in journal order.</summary>
        public List<(long Sequence, Posting Posting)> FundPostings { get; } = [];

        /// <summary>Income postings (kept out of <see cref="Postings"/>: a fund pool applies them to its income), in journal order.</summary>
        public List<(long Sequence, Posting Posting)> IncomePostings { get; } = [];

        public List<(long Sequence, RiskReserveRun Run)> ReserveRuns { get; } = [];

        public List<(long Sequence, CompensationRun Run)> CompensationRuns { get; } = [];

        public List<(long Sequence, InsurerCooperationRun Run)> InsurerRuns { get; } = [];

        public List<(long Sequence, InsurerAgreement Agreement)> InsurerAgreements { get; } = [];

        public List<(long Sequence, InsurerAssessment Assessment)> InsurerAssessments { get; } = [];

        /// <summary>The journal sequence of each settlement record and of each cancel.</summary>
        public Dictionary<string, long> SettledAt { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, long> CancelledAt { get; } = new(StringComparer.Ordinal);

        public List<(long Sequence, MonthlyPayoutRun Run)> PayoutRuns { get; } = [];

        public List<(long Sequence, AuditDeduction Deduction)> AuditDeductions { get; } = [];

        private static void Add<T>(Dictionary<string, List<T>> lists, string key, T item)
        {
            if (!lists.TryGetValue(key, out var list))
            {
                lists[key] = list = [];
            }

            list.Add(item);
        }

        public void Add(JournalEntry entry)
        {
            if (LedgerNames.AccountOf(entry.Stream) is { } account)
            {
                var posting = LedgerJson.Deserialize<Posting>(entry.Payload);
                if (posting.Kind == PostingKind.Income)
                {
                    IncomePostings.Add((entry.Sequence, posting));
                    return;
                }

                if (!Postings.TryGetValue(account, out var list))
                {
                    Postings[account] = list = [];
                }

                list.Add((entry.Sequence, posting.Amount));
                if (posting.Totals is not null && account.StartsWith(LedgerNames.InstitutionAccountPrefix, StringComparison.Ordinal))
                {
                    Add(ReceivablePostings, posting.InstitutionCode, (entry.Sequence, posting));
                }
                else if (!account.StartsWith(LedgerNames.InstitutionAccountPrefix, StringComparison.Ordinal))
                {
                    FundPostings.Add((entry.Sequence, posting));
                }
            }
            else if (entry.Stream.StartsWith(LedgerNames.CloseStreamPrefix, StringComparison.Ordinal))
            {
                var close = LedgerJson.Deserialize<DailyClose>(entry.Payload);
                Add(Closes, entry.Stream[LedgerNames.CloseStreamPrefix.Length..], close);
            }
            else if (entry.Stream == LedgerNames.DailyCloseRunStream)
            {
                CloseRuns.Add(LedgerJson.Deserialize<DailyCloseRun>(entry.Payload));
            }
            else if (entry.Stream == LedgerNames.MonthlyPayoutRunStream)
            {
                PayoutRuns.Add((entry.Sequence, LedgerJson.Deserialize<MonthlyPayoutRun>(entry.Payload)));
            }
            else if (entry.Stream == LedgerNames.RiskReserveRunStream)
            {
                ReserveRuns.Add((entry.Sequence, LedgerJson.Deserialize<RiskReserveRun>(entry.Payload)));
            }
            else if (entry.Stream == SecondaryCompensation.RunStream)
            {
                CompensationRuns.Add((entry.Sequence, LedgerJson.Deserialize<CompensationRun>(entry.Payload)));
            }
            else if (entry.Stream == InsurerCooperation.RunStream)
            {
                InsurerRuns.Add((entry.Sequence, LedgerJson.Deserialize<InsurerCooperationRun>(entry.Payload)));
            }
            else if (entry.Stream == InsurerCooperation.RecordStream)
            {
                if (entry.EntryId.StartsWith(InsurerCooperation.AgreementEntryPrefix, StringComparison.Ordinal))
                {
                    InsurerAgreements.Add((entry.Sequence, LedgerJson.Deserialize<InsurerAgreement>(entry.Payload)));
                }
                else
                {
                    InsurerAssessments.Add((entry.Sequence, LedgerJson.Deserialize<InsurerAssessment>(entry.Payload)));
                }
            }
            else if (entry.Stream == LedgerNames.AuditDeductionStream)
            {
                AuditDeductions.Add((entry.Sequence, LedgerJson.Deserialize<AuditDeduction>(entry.Payload)));
            }
            else if (entry.EntryId.StartsWith("setl:", StringComparison.Ordinal))
            {
                var record = LedgerJson.Deserialize<SettlementRecord>(entry.Payload);
                Settlements[record.SettlementId] = record;
                SettledAt[record.SettlementId] = entry.Sequence;
            }
            else if (entry.EntryId.StartsWith("cancel:", StringComparison.Ordinal))
            {
                var cancelled = LedgerJson.Deserialize<CancellationRecord>(entry.Payload).SettlementId;
                Cancelled.Add(cancelled);
                CancelledAt[cancelled] = entry.Sequence;
            }
        }
    }
}
