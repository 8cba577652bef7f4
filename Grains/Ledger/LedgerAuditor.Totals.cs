using Medisettle.Grains.Jobs;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Jobs;
using Medisettle.Interfaces.Ledger;
using Medisettle.Interfaces.Settlement;

namespace Medisettle.Grains.Ledger;

/// <summary>
/// What pass 2 folds the journal into: sums keyed by account, person and year, institution and day, fund and month or
/// year — never by settlement or posting, so the audit's memory grows with persons, accounts and days, not with the
/// journal. A cancel takes back exactly what its settlement's record added (the record is looked up by its entry id).
/// </summary>
public sealed partial class LedgerAuditor
{
    private sealed class JournalTotals
    {
        public JournalTotals(Runs runs)
        {
            foreach (var (code, closes) in runs.Closes)
            {
                Institutions[code] = new InstitutionDays(closes);
            }

            foreach (var (_, run) in runs.CompensationRuns)
            {
                SelfPay.TryAdd(run.Year, new Dictionary<string, Dictionary<string, Money>>(StringComparer.Ordinal));
                _compensationPeriods.Add(run.Period);
            }

            _runPeriods.UnionWith(runs.ReserveRuns.Select(r => r.Run.Period).Concat(runs.InsurerRuns.Select(r => r.Run.Period)));
        }

        /// <summary>The periods of the reserve and insurer runs: their income postings are summed by account and period.</summary>
        private readonly HashSet<string> _runPeriods = new(StringComparer.Ordinal);

        private readonly HashSet<string> _compensationPeriods = new(StringComparer.Ordinal);

        public int Settlements { get; private set; }

        public int Cancellations { get; private set; }

        /// <summary>Postings other than income (a fund pool applies income to its income, not its spending).</summary>
        public int Postings { get; private set; }

        /// <summary>Each account's postings (income left out) summed, by the account of their stream.</summary>
        public Dictionary<string, Money> Posted { get; } = new(StringComparer.Ordinal);

        /// <summary>
        /// What each account's postings must sum to: the settlement records not cancelled (and, added after pass 2, the
        /// runs' lines). An account touched only by cancelled settlements is here at zero, as it always was (FundSpending lists it).
        /// </summary>
        public Dictionary<string, Money> Implied { get; } = new(StringComparer.Ordinal);

        /// <summary>Each account's income postings summed.</summary>
        public Dictionary<string, Money> Income { get; } = new(StringComparer.Ordinal);

        /// <summary>Income postings of the reserve and insurer runs, by account and the run's period.</summary>
        public Dictionary<(string Account, string Period), Money> Received { get; } = [];

        /// <summary>Income postings by account and the year of their date.</summary>
        public Dictionary<(string Account, int Year), Money> YearIncome { get; } = [];

        /// <summary>Fund spending postings (settlements, reversals, payout deductions) by account, year and month (index 0–11) of their date.</summary>
        public Dictionary<(string Account, int Year), Money[]> MonthSpending { get; } = [];

        /// <summary>Risk reserve set-asides by pooled fund and year (二次补偿 counts them as spending, the reserve does not).</summary>
        public Dictionary<(string Account, int Year), Money> YearSetAside { get; } = [];

        /// <summary>Fund settlement and reversal postings no payout run has covered yet, by fund, institution and month of their date.</summary>
        public Dictionary<(string Fund, string InstitutionCode, BusinessMonth Month), Money> Uncovered { get; } = [];

        /// <summary>二次补偿 postings by the run's period, fund and person.</summary>
        public Dictionary<(string Period, string Fund, string PersonId), Money> CompensationPaid { get; } = [];

        /// <summary>The receivable postings' days of each institution that has daily closes.</summary>
        public Dictionary<string, InstitutionDays> Institutions { get; } = new(StringComparer.Ordinal);

        /// <summary>
        /// Each person with a settlement record (in the order of their first), with the accumulators their settlements
        /// not cancelled imply, by benefit year.
        /// </summary>
        public Dictionary<string, Dictionary<int, YearToDate>> Persons { get; } = new(StringComparer.Ordinal);

        /// <summary>For each year with a 二次补偿 run: each pooled fund's persons and their self-pay so far (no zero entries).</summary>
        public Dictionary<int, Dictionary<string, Dictionary<string, Money>>> SelfPay { get; } = [];

        /// <summary>
        /// Settlements whose cancel came before their record in journal order (never, unless the journal was edited):
        /// the record then adds nothing, as a cancelled settlement.
        /// </summary>
        public HashSet<string> CancelledAhead { get; } = new(StringComparer.Ordinal);

        /// <summary>Settlement records and cancels filed under another entry id than their own.</summary>
        public List<string> Violations { get; } = [];

        /// <summary>How many keys the person, self-pay and payout aggregates hold now (their largest is the footprint).</summary>
        public int PersonYears { get; private set; }

        public int SelfPayEntries => SelfPay.Values.Sum(funds => funds.Values.Sum(persons => persons.Count));

        public void AddPosting(long sequence, string account, Posting posting)
        {
            var date = posting.SettlementDate;
            if (posting.Kind == PostingKind.Income)
            {
                Income[posting.Account] = Income.GetValueOrDefault(posting.Account) + posting.Amount;
                Plus(YearIncome, (posting.Account, date.Year), posting.Amount);
                if (_runPeriods.Contains(posting.SettlementId))
                {
                    Plus(Received, (posting.Account, posting.SettlementId), posting.Amount);
                }

                return;
            }

            Postings++;
            Posted[account] = Posted.GetValueOrDefault(account) + posting.Amount;
            if (account.StartsWith(LedgerNames.InstitutionAccountPrefix, StringComparison.Ordinal))
            {
                if (posting.Totals is not null && Institutions.TryGetValue(posting.InstitutionCode, out var days))
                {
                    days.Add(sequence, posting);
                }

                return;
            }

            if (posting.Kind is PostingKind.Settlement or PostingKind.Reversal)
            {
                Plus(Uncovered, (posting.Account, posting.InstitutionCode, BusinessMonth.Of(date)), posting.Amount);
            }

            if (RiskReserve.IsSpending(posting.Kind))
            {
                if (!MonthSpending.TryGetValue((posting.Account, date.Year), out var months))
                {
                    MonthSpending[(posting.Account, date.Year)] = months = new Money[12];
                }

                months[date.Month - 1] += posting.Amount;
            }
            else if (posting.Kind == PostingKind.RiskReserve)
            {
                Plus(YearSetAside, (posting.Account, date.Year), posting.Amount);
            }
            else if (posting.Kind == PostingKind.Compensation && _compensationPeriods.Contains(posting.SettlementId))
            {
                Plus(CompensationPaid, (posting.SettlementId, posting.Account, posting.PersonId), posting.Amount);
            }
        }

        public void AddSettlement(string entryId, SettlementRecord record)
        {
            Settlements++;
            if (entryId != LedgerNames.SettlementEntry(record.SettlementId))
            {
                Violations.Add($"Entry {entryId} holds the record of settlement {record.SettlementId}, whose entry id is {LedgerNames.SettlementEntry(record.SettlementId)}.");
            }

            Fold(record, CancelledAhead.Remove(record.SettlementId) ? 0 : 1);
        }

        /// <summary>
        /// A cancel of <paramref name="cancel"/>'s settlement: takes back what <paramref name="settled"/> (its record, looked
        /// up by entry id; null when the journal has none) added. <paramref name="settledAfter"/>: the record comes later in
        /// journal order, and then adds nothing.
        /// </summary>
        public void AddCancel(string entryId, CancellationRecord cancel, SettlementRecord? settled, bool settledAfter)
        {
            Cancellations++;
            if (entryId != LedgerNames.CancellationEntry(cancel.SettlementId))
            {
                Violations.Add($"Entry {entryId} holds the cancel of settlement {cancel.SettlementId}, whose entry id is {LedgerNames.CancellationEntry(cancel.SettlementId)}.");
            }

            if (settled is null || settled.SettlementId != cancel.SettlementId)
            {
                return;
            }

            if (settledAfter)
            {
                CancelledAhead.Add(cancel.SettlementId);
                return;
            }

            Fold(settled, -1);
        }

        /// <summary>
        /// Adds (<paramref name="sign"/> 1) or takes back (−1) a settlement record: its accounts' amounts, its person's
        /// accumulators, its self-pay. With 0 it only makes the record's accounts and person known, as a settlement
        /// cancelled before it was read.
        /// </summary>
        private void Fold(SettlementRecord record, int sign)
        {
            var breakdown = record.Breakdown;
            foreach (var line in breakdown.FundLines)
            {
                AddImplied(FundPoolKey.For(record.InsuredRegion, record.Scheme, line.FundType).ToString(), line.AmountPaid, sign);
            }

            AddImplied(FundPoolKey.PersonalAccount(record.InsuredRegion, record.Scheme).ToString(), breakdown.AccountPaid, sign);
            AddImplied(LedgerNames.InstitutionAccount(record.InstitutionCode), breakdown.FundPaySum + breakdown.AccountPaid, sign);
            if (!Persons.TryGetValue(record.PersonId, out var years))
            {
                Persons[record.PersonId] = years = [];
            }

            if (sign == 0)
            {
                return;
            }

            var delta = breakdown.Delta;
            if (!years.TryGetValue(delta.BenefitYear, out var year))
            {
                year = YearToDate.Empty(delta.BenefitYear);
                PersonYears++;
            }

            years[delta.BenefitYear] = sign > 0 ? year.Apply(delta) : year.Reverse(delta);
            if (SelfPay.TryGetValue(breakdown.BenefitYear, out var funds) && SecondaryCompensation.SelfPayOf(breakdown) is { IsZero: false } selfPay)
            {
                var fund = SecondaryCompensation.FundOf(record.InsuredRegion, record.Scheme);
                if (!funds.TryGetValue(fund, out var persons))
                {
                    funds[fund] = persons = new Dictionary<string, Money>(StringComparer.Ordinal);
                }

                var sum = persons.GetValueOrDefault(record.PersonId) + (sign > 0 ? selfPay : -selfPay);
                if (sum.IsZero)
                {
                    // Self-pay is never negative: zero means every settlement that counted is cancelled, as if there were none.
                    persons.Remove(record.PersonId);
                }
                else
                {
                    persons[record.PersonId] = sum;
                }
            }
        }

        private void AddImplied(string account, Money amount, int sign)
        {
            if (amount.IsZero)
            {
                return;
            }

            Implied[account] = Implied.GetValueOrDefault(account) + (sign > 0 ? amount : sign < 0 ? -amount : Money.Zero);
        }

        private static void Plus<TKey>(Dictionary<TKey, Money> sums, TKey key, Money amount)
            where TKey : notnull =>
            sums[key] = sums.GetValueOrDefault(key) + amount;
    }

    /// <summary>
    /// One institution's receivable postings replayed in journal order with its closes in between (a close comes after
    /// every posting through its sequence): each posting counts on its settlement date, or the next day not yet closed.
    /// Holds a sum per day, and answers what each close should have frozen.
    /// </summary>
    private sealed class InstitutionDays(IEnumerable<DailyClose> closes)
    {
        private readonly List<DailyClose> _ordered = closes.OrderBy(c => c.ThroughSequence).ToList();
        private readonly Dictionary<DateOnly, DailyTotal> _days = [];
        private readonly HashSet<DateOnly> _closed = [];
        private int _next;

        /// <summary>What each close should have frozen (filled as the replay passes it, all of them after <see cref="Finish"/>).</summary>
        public Dictionary<DailyClose, DailyTotal> Frozen { get; } = new(ReferenceEqualityComparer.Instance);

        public int Days => _days.Count;

        public void Add(long sequence, Posting posting)
        {
            while (_next < _ordered.Count && _ordered[_next].ThroughSequence < sequence)
            {
                Freeze(_ordered[_next++]);
            }

            var date = posting.SettlementDate;
            while (_closed.Contains(date))
            {
                date = date.AddDays(1);
            }

            var totals = posting.Totals!;
            _days[date] = Plus(_days.GetValueOrDefault(date) ?? Zero(date), new DailyTotal
            {
                Date = date,
                SettlementCount = posting.Kind == PostingKind.Reversal ? -1 : 1,
                MedicalFeeTotal = totals.MedicalFeeTotal,
                FundPaid = totals.FundPaid,
                AccountPaid = totals.AccountPaid,
                CashPaid = totals.CashPaid,
            });
        }

        /// <summary>Freezes the closes after the last posting.</summary>
        public void Finish()
        {
            while (_next < _ordered.Count)
            {
                Freeze(_ordered[_next++]);
            }
        }

        private void Freeze(DailyClose close)
        {
            Frozen[close] = _days.GetValueOrDefault(close.Totals.Date) ?? Zero(close.Totals.Date);
            _closed.Add(close.Totals.Date);
        }
    }
}
