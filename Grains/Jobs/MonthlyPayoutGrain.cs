using Medisettle.Grains.Ledger;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Jobs;
using Medisettle.Interfaces.Ledger;
using Medisettle.Storage.Journal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Medisettle.Grains.Jobs;

/// <summary>
/// The monthly payout (拨付) fund job (DOMAIN.md §7). One activation cluster-wide (key <see cref="Key"/>), so one run at
/// a time. It reads the fund postings (settlements and reversals) from the journal as they come, keeping what each fund
/// owes each institution per month of the settlement date. A run of a month pays every amount dated on or before the
/// month's last day not paid by an earlier run, less the audit deductions entered for that month or an earlier one not
/// applied yet (<see cref="MonthlyPayout"/>): the run's journal entry <c>job:monthly-payout:{yyyy-MM}</c> (the period
/// key), its payment and deduction postings and the grain's state commit in one transaction. Exactly once: a run whose
/// entry exists is answered from it, and the unique entry ids refuse a second one. A crash before the commit leaves
/// nothing; the next run or tick reads the same postings again.
/// </summary>
public sealed partial class MonthlyPayoutGrain(
    [JournaledState("monthly-payout")] IJournaledState<MonthlyPayoutState> state,
    IJournal journal,
    [FromKeyedServices(SettlementClock.ServiceKey)] TimeProvider time,
    IOptions<SettlementOptions> options,
    ILogger<MonthlyPayoutGrain> log) : Grain, IMonthlyPayoutGrain, IRemindable
{
    /// <summary>Key of the one job grain.</summary>
    public const string Key = "monthly-payout";

    /// <summary>Name of its reminder.</summary>
    public const string ReminderName = "monthly-payout";

    /// <summary>Longest range <see cref="ListAsync"/> answers, in months.</summary>
    public const int ListMonthsMax = 120;

    /// <summary>Audit deductions waiting for their month's payout, at most.</summary>
    public const int PendingDeductionsMax = 100_000;

    private MonthlyPayoutState S => state.State;

    public Task StartAsync() => JobCalendar.RegisterDailyTickAsync(this, ReminderName, time, options.Value, options.Value.MonthlyPayoutTime);

    /// <summary>Every day: pays last month once (a month not run before is covered by the next month's run anyway).</summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        var lastMonth = BusinessMonth.Of(JobCalendar.Today(time, options.Value)).Previous();
        if (S.LastScheduledMonth == lastMonth)
        {
            return;
        }

        try
        {
            var result = await RunAsync(lastMonth);
            LogScheduledRun(log, result.Run.Period, result.Run.Lines.Count, result.AlreadyDone);
            S.LastScheduledMonth = lastMonth;
            await state.WriteOrReloadAsync();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Nothing was committed: the next tick or an operator's run pays the month.
            LogScheduledRunFailed(log, exception, lastMonth.ToString());
        }
    }

    public async Task<MonthlyPayoutRunResult> RunAsync(BusinessMonth month)
    {
        if (await FindRunAsync(month) is { } done)
        {
            return new MonthlyPayoutRunResult { Run = done, AlreadyDone = true };
        }

        await ReadPostingsAsync();
        var covered = S.Outstanding.Where(o => o.Month <= month).ToList();
        var deductions = S.PendingDeductions.Where(d => d.Month <= month).ToList();
        var lines = MonthlyPayout.Lines(covered.Select(o => (o.Fund, o.InstitutionCode, o.Amount)), deductions);
        var now = time.GetUtcNow();
        var run = new MonthlyPayoutRun
        {
            Period = LedgerNames.MonthlyPayoutPeriod(month),
            Month = month,
            ThroughSequence = S.ReadThrough,
            Lines = lines,
            DeductionIds = deductions.Select(d => d.DeductionId).ToList(),
            Owed = Sum(lines.Select(l => l.Owed)),
            Deducted = Sum(lines.Select(l => l.Deducted)),
            Paid = Sum(lines.Select(l => l.Paid)),
            CompletedAt = now,
        };
        var appends = new List<JournalAppend> { new(LedgerNames.MonthlyPayoutRunStream, LedgerNames.MonthlyPayoutRunEntry(month), LedgerJson.Serialize(run)) };
        appends.AddRange(MonthlyPayout.Postings(month, lines, now).Select(p => new JournalAppend(LedgerNames.PostingStream(p.Account), p.PostingId, LedgerJson.Serialize(p))));
        S.Outstanding.RemoveAll(o => o.Month <= month);
        S.PendingDeductions.RemoveAll(d => d.Month <= month);
        try
        {
            await state.WriteOrReloadAsync(appends);
        }
        catch (DuplicateJournalEntryException)
        {
            // Another activation (during a membership change) completed it first: its run stands.
            return new MonthlyPayoutRunResult { Run = await FindRunAsync(month) ?? throw new InvalidOperationException($"Run {run.Period} is neither new nor stored."), AlreadyDone = true };
        }

        LogRunCompleted(log, run.Period, lines.Count, run.Owed.Fen, run.Deducted.Fen, run.Paid.Fen);
        return new MonthlyPayoutRunResult { Run = run, AlreadyDone = false };
    }

    public async Task<IReadOnlyList<MonthlyPayoutRun>> ListAsync(BusinessMonth from, BusinessMonth to)
    {
        if (to < from || to.FirstDay.AddMonths(-ListMonthsMax) >= from.FirstDay)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, $"The range {from}..{to} must be 1 to {ListMonthsMax} months.");
        }

        var runs = await JobRuns.ReadAsync<MonthlyPayoutRun>(journal, LedgerNames.MonthlyPayoutRunStream, r => r.Month >= from && r.Month <= to);
        return runs.OrderBy(r => r.Month).ToList();
    }

    public async Task<AuditDeductionResult> RecordDeductionAsync(AuditDeduction deduction)
    {
        ArgumentNullException.ThrowIfNull(deduction);
        Validate(deduction);
        if (await journal.FindAsync(LedgerNames.AuditDeductionEntry(deduction.DeductionId)) is { } entry)
        {
            var first = LedgerJson.Deserialize<AuditDeduction>(entry);
            return new AuditDeductionResult { Outcome = first.SameAs(deduction) ? AuditDeductionOutcome.AlreadyRecorded : AuditDeductionOutcome.IdConflict, Deduction = first };
        }

        if (await FindRunAsync(deduction.Month) is not null)
        {
            return new AuditDeductionResult { Outcome = AuditDeductionOutcome.MonthAlreadyPaid, Deduction = deduction };
        }

        if (S.PendingDeductions.Count >= PendingDeductionsMax)
        {
            throw new InvalidOperationException($"{S.PendingDeductions.Count} audit deductions wait for their payout; at most {PendingDeductionsMax} (MonthlyPayoutGrain.PendingDeductionsMax).");
        }

        var recorded = deduction with { RecordedAt = time.GetUtcNow() };
        S.PendingDeductions.Add(recorded);
        await state.WriteOrReloadAsync([new JournalAppend(LedgerNames.AuditDeductionStream, LedgerNames.AuditDeductionEntry(recorded.DeductionId), LedgerJson.Serialize(recorded))]);
        return new AuditDeductionResult { Outcome = AuditDeductionOutcome.Recorded, Deduction = recorded };
    }

    /// <summary>Reads the postings after the last read: adds each fund posting of a settlement or a reversal to what is outstanding.</summary>
    private async Task ReadPostingsAsync()
    {
        var index = S.Outstanding.ToDictionary(o => (o.Fund, o.InstitutionCode, o.Month));
        S.ReadThrough = await FundPostings.ReadAsync(journal, S.ReadThrough, (account, posting) =>
        {
            if (posting.Kind is not (PostingKind.Settlement or PostingKind.Reversal))
            {
                return;
            }

            var key = (account, posting.InstitutionCode, BusinessMonth.Of(posting.SettlementDate));
            if (!index.TryGetValue(key, out var outstanding))
            {
                index[key] = outstanding = new OutstandingAmount { Fund = key.account, InstitutionCode = key.InstitutionCode, Month = key.Item3 };
                S.Outstanding.Add(outstanding);
            }

            outstanding.Amount += posting.Amount;
        });

        var institutions = S.Outstanding.Select(o => o.InstitutionCode).Distinct(StringComparer.Ordinal).Count();
        if (institutions > options.Value.FundJobInstitutionsMax)
        {
            throw new InvalidOperationException($"{institutions} institutions exceed SettlementOptions.FundJobInstitutionsMax ({options.Value.FundJobInstitutionsMax}).");
        }
    }

    private static void Validate(AuditDeduction deduction)
    {
        if (!AuditDeduction.IsWellFormedId(deduction.DeductionId) || string.IsNullOrWhiteSpace(deduction.InstitutionCode) || string.IsNullOrWhiteSpace(deduction.Reason))
        {
            throw new ArgumentException($"Audit deduction '{deduction.DeductionId}' needs a well-formed id, an institution and a reason.", nameof(deduction));
        }

        _ = FundPoolKey.Parse(deduction.Fund);
        if (deduction.Amount.Fen <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(deduction), deduction.Amount, $"Audit deduction {deduction.DeductionId}: the amount must be positive.");
        }
    }

    private async Task<MonthlyPayoutRun?> FindRunAsync(BusinessMonth month) =>
        await journal.FindAsync(LedgerNames.MonthlyPayoutRunEntry(month)) is { } entry ? LedgerJson.Deserialize<MonthlyPayoutRun>(entry) : null;

    private static Money Sum(IEnumerable<Money> amounts) => amounts.Aggregate(Money.Zero, (a, b) => a + b);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Information, Message = "Monthly payout {Period} completed: {Lines} lines, owed {OwedFen} fen, deducted {DeductedFen} fen, paid {PaidFen} fen")]
    private static partial void LogRunCompleted(ILogger logger, string period, int lines, long owedFen, long deductedFen, long paidFen);

    [LoggerMessage(EventId = 5012, Level = LogLevel.Information, Message = "Monthly payout {Period} by reminder: {Lines} lines (already done: {AlreadyDone})")]
    private static partial void LogScheduledRun(ILogger logger, string period, int lines, bool alreadyDone);

    [LoggerMessage(EventId = 5013, Level = LogLevel.Warning, Message = "Monthly payout of {Month} by reminder failed; the next tick or an operator's run pays it")]
    private static partial void LogScheduledRunFailed(ILogger logger, Exception exception, string month);
}
