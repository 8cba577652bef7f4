using Medisettle.Grains.Ledger;
using Medisettle.Grains.PolicyPacks;
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
/// The year-end risk reserve (风险储备金) fund job (DOMAIN.md §7, P2 S3 §4) and the fund income it rests on. One activation
/// cluster-wide (key <see cref="Key"/>). It reads the postings as they come into each pooled fund's income and
/// spending per year. A run of a year sets aside, for each pooled fund with income recorded for the year whose pack (in
/// force on 31 December) has <c>fundJobs.riskReserve</c>, what <see cref="RiskReserve.Line"/> gives: the run's entry
/// <c>job:risk-reserve:{yyyy}</c>, its postings and the state commit in one transaction, once (the unique entry ids refuse
/// a second run; a crash before the commit leaves nothing).
/// </summary>
public sealed partial class RiskReserveGrain(
    [JournaledState("risk-reserve")] IJournaledState<RiskReserveState> state,
    IJournal journal,
    PolicyCatalogProvider policies,
    [FromKeyedServices(SettlementClock.ServiceKey)] TimeProvider time,
    IOptions<SettlementOptions> options,
    ILogger<RiskReserveGrain> log) : Grain, IRiskReserveGrain, IRemindable
{
    public const string Key = "risk-reserve";

    public const string ReminderName = "risk-reserve";

    /// <summary>Stream of the administrators' fund income records (<c>income:{id}</c>; the income postings carry the amounts).</summary>
    public const string IncomeStream = "job:fund-income";

    /// <summary>Longest range <see cref="ListAsync"/> answers, in years.</summary>
    public const int ListYearsMax = 100;

    private RiskReserveState S => state.State;

    public Task StartAsync() => JobCalendar.RegisterDailyTickAsync(this, ReminderName, time, options.Value, options.Value.MonthlyPayoutTime);

    /// <summary>Every day: runs last year once, from <see cref="SettlementOptions.YearEndJobsDelay"/> after 1 January.</summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        var today = JobCalendar.Today(time, options.Value);
        var lastYear = today.Year - 1;
        if (S.LastScheduledYear == lastYear || !JobCalendar.YearEndJobsDue(today, options.Value))
        {
            return;
        }

        try
        {
            var result = await RunAsync(lastYear);
            LogScheduledRun(log, result.Run.Period, result.Run.Lines.Count, result.AlreadyDone);
            S.LastScheduledYear = lastYear;
            await state.WriteOrReloadAsync();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogScheduledRunFailed(log, exception, lastYear);
        }
    }

    public async Task<RiskReserveRunResult> RunAsync(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9998);
        if (await FindRunAsync(year) is { } done)
        {
            return new RiskReserveRunResult { Run = done, AlreadyDone = true };
        }

        await ReadPostingsAsync();
        var lines = new List<RiskReserveLine>();
        foreach (var totals in S.Years.Where(y => y.Year == year && !y.Income.IsZero).OrderBy(y => y.Fund, StringComparer.Ordinal))
        {
            var key = FundPoolKey.Parse(totals.Fund);
            if (policies.Catalog.Resolve(key.Region, key.Scheme, new DateOnly(year, 12, 31)).FundJobs is { FundJobs.RiskReserve: { } rule } pack)
            {
                lines.Add(RiskReserve.Line(totals.Fund, pack.Id, rule, totals.Income, totals.Spending, S.ReserveByFund.GetValueOrDefault(totals.Fund)));
            }
        }

        var now = time.GetUtcNow();
        var run = new RiskReserveRun { Period = LedgerNames.RiskReservePeriod(year), Year = year, ThroughSequence = S.ReadThrough, Lines = lines, CompletedAt = now };
        var appends = new List<JournalAppend> { new(LedgerNames.RiskReserveRunStream, LedgerNames.RiskReserveRunEntry(year), LedgerJson.Serialize(run)) };
        appends.AddRange(RiskReserve.Postings(year, lines, now).Select(p => new JournalAppend(LedgerNames.PostingStream(p.Account), p.PostingId, LedgerJson.Serialize(p))));
        foreach (var line in lines)
        {
            S.ReserveByFund[line.Fund] = S.ReserveByFund.GetValueOrDefault(line.Fund) + line.SetAside;
        }

        try
        {
            await state.WriteOrReloadAsync(appends);
        }
        catch (DuplicateJournalEntryException)
        {
            return new RiskReserveRunResult { Run = await FindRunAsync(year) ?? throw new InvalidOperationException($"Run {run.Period} is neither new nor stored."), AlreadyDone = true };
        }

        LogRunCompleted(log, run.Period, lines.Count, lines.Aggregate(Money.Zero, (sum, l) => sum + l.SetAside).Fen);
        return new RiskReserveRunResult { Run = run, AlreadyDone = false };
    }

    public async Task<IReadOnlyList<RiskReserveRun>> ListAsync(int from, int to)
    {
        if (to < from || to - from >= ListYearsMax)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, $"The range {from}..{to} must be 1 to {ListYearsMax} years.");
        }

        var runs = await JobRuns.ReadAsync<RiskReserveRun>(journal, LedgerNames.RiskReserveRunStream, r => r.Year >= from && r.Year <= to);
        return runs.OrderBy(r => r.Year).ToList();
    }

    public async Task<FundIncomeResult> RecordIncomeAsync(FundIncome income)
    {
        ArgumentNullException.ThrowIfNull(income);
        if (!AuditDeduction.IsWellFormedId(income.IncomeId) || income.Amount.Fen <= 0 || income.Year is < 1 or > 9998 || string.IsNullOrWhiteSpace(income.Reason))
        {
            throw new ArgumentException($"Fund income '{income.IncomeId}' needs a well-formed id, a positive amount, a year and a reason.", nameof(income));
        }

        _ = FundPoolKey.Parse(income.Fund);
        if (await journal.FindAsync(IncomeEntry(income.IncomeId)) is { } entry)
        {
            var first = LedgerJson.Deserialize<FundIncome>(entry);
            return new FundIncomeResult { Outcome = first == income ? FundIncomeOutcome.AlreadyRecorded : FundIncomeOutcome.IdConflict, Income = first };
        }

        if (await FindRunAsync(income.Year) is not null || await journal.FindAsync(SecondaryCompensation.RunEntry(income.Year)) is not null)
        {
            return new FundIncomeResult { Outcome = FundIncomeOutcome.YearClosed, Income = income };
        }

        var posting = new Posting
        {
            PostingId = LedgerNames.IncomePostingEntry(income.IncomeId),
            SettlementId = LedgerNames.IncomeReference(income.IncomeId),
            Account = income.Fund,
            Kind = PostingKind.Income,
            Amount = income.Amount,
            PersonId = "",
            InstitutionCode = "",
            SettlementDate = new DateOnly(income.Year, 12, 31),
            PostedAt = time.GetUtcNow(),
        };
        await state.WriteOrReloadAsync([
            new JournalAppend(IncomeStream, IncomeEntry(income.IncomeId), LedgerJson.Serialize(income)),
            new JournalAppend(LedgerNames.PostingStream(income.Fund), posting.PostingId, LedgerJson.Serialize(posting)),
        ]);
        return new FundIncomeResult { Outcome = FundIncomeOutcome.Recorded, Income = income };
    }

    /// <summary>Reads the postings after the last read into each pooled fund's income and spending per year.</summary>
    private async Task ReadPostingsAsync()
    {
        var index = S.Years.ToDictionary(y => (y.Fund, y.Year));
        S.ReadThrough = await FundPostings.ReadAsync(journal, S.ReadThrough, (account, posting) =>
        {
            var isIncome = posting.Kind == PostingKind.Income;
            if (!RiskReserve.IsPooledFund(account) || (!isIncome && !RiskReserve.IsSpending(posting.Kind)))
            {
                return;
            }

            var key = (account, posting.SettlementDate.Year);
            if (!index.TryGetValue(key, out var totals))
            {
                index[key] = totals = new FundYearTotals { Fund = account, Year = key.Year };
                S.Years.Add(totals);
            }

            if (isIncome)
            {
                totals.Income += posting.Amount;
            }
            else
            {
                totals.Spending += posting.Amount;
            }
        });
    }

    internal static string IncomeEntry(string incomeId) => $"income:{incomeId}";

    private async Task<RiskReserveRun?> FindRunAsync(int year) =>
        await journal.FindAsync(LedgerNames.RiskReserveRunEntry(year)) is { } entry ? LedgerJson.Deserialize<RiskReserveRun>(entry) : null;

    [LoggerMessage(EventId = 5021, Level = LogLevel.Information, Message = "Risk reserve {Period} completed: {Lines} funds, set aside {SetAsideFen} fen")]
    private static partial void LogRunCompleted(ILogger logger, string period, int lines, long setAsideFen);

    [LoggerMessage(EventId = 5022, Level = LogLevel.Information, Message = "Risk reserve {Period} by reminder: {Lines} funds (already done: {AlreadyDone})")]
    private static partial void LogScheduledRun(ILogger logger, string period, int lines, bool alreadyDone);

    [LoggerMessage(EventId = 5023, Level = LogLevel.Warning, Message = "Risk reserve of {Year} by reminder failed; the next tick or an operator's run does it")]
    private static partial void LogScheduledRunFailed(ILogger logger, Exception exception, int year);
}
