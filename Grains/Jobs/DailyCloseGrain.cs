using Medisettle.Grains.Institutions;
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
/// The daily close (日结) fund job (DOMAIN.md §7). One activation cluster-wide (key <see cref="Key"/>), so one run at a
/// time. A run of a day: delivers every posting committed so far (the dispatcher's drain), fixes the institutions to
/// close (every institution with a receivable posting) in its state, asks each to close the day
/// (<see cref="IInstitutionGrain.CloseDayAsync"/>, once per institution and day by its journal entry), then commits the
/// run's journal entry <c>job:daily-close:{date}</c> — the period key — with the state. Exactly once: a run whose entry
/// exists is answered from it and changes nothing, and the unique entry id refuses a second one. After a crash the run
/// in progress is finished by the next run or reminder tick: the institutions already closed answer their close.
/// </summary>
public sealed partial class DailyCloseGrain(
    [JournaledState("daily-close")] IJournaledState<DailyCloseState> state,
    IJournal journal,
    [FromKeyedServices(SettlementClock.ServiceKey)] TimeProvider time,
    IOptions<SettlementOptions> options,
    ILogger<DailyCloseGrain> log) : Grain, IDailyCloseGrain, IRemindable
{
    /// <summary>Key of the one job grain.</summary>
    public const string Key = "daily-close";

    /// <summary>Name of its reminder.</summary>
    public const string ReminderName = "daily-close";

    /// <summary>Days a reminder tick closes at most when the silo was down over several close times.</summary>
    public const int CatchUpDaysMax = 7;

    /// <summary>Longest range <see cref="ListAsync"/> answers.</summary>
    public const int ListDaysMax = 366;

    private const int ReadPageMax = 4096;

    private DailyCloseState S => state.State;

    public Task StartAsync() => JobCalendar.RegisterDailyTickAsync(this, ReminderName, time, options.Value, options.Value.DailyCloseTime);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        var yesterday = JobCalendar.Today(time, options.Value).AddDays(-1);
        var earliest = yesterday.AddDays(1 - CatchUpDaysMax);
        var first = S.LastScheduledDay is not { } last ? yesterday : last.AddDays(1) > earliest ? last.AddDays(1) : earliest;

        try
        {
            for (var day = first; day <= yesterday; day = day.AddDays(1))
            {
                var result = await RunAsync(day);
                LogScheduledRun(log, result.Run.Period, result.Run.Institutions.Count, result.AlreadyDone);
                S.LastScheduledDay = day;
                await state.WriteOrReloadAsync();
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Nothing is lost: a run in progress is finished by the next tick or an operator's run.
            LogScheduledRunFailed(log, exception, yesterday);
        }
    }

    public async Task<DailyCloseRunResult> RunAsync(DateOnly date)
    {
        if (await FindRunAsync(date) is { } done)
        {
            return new DailyCloseRunResult { Run = done, AlreadyDone = true };
        }

        if (S.InProgress is { } other && other != date)
        {
            await CompleteAsync(other);
        }

        if (S.InProgress != date)
        {
            await GrainFactory.GetGrain<IPostingDispatcherGrain>(PostingDispatcherGrain.Key).DrainAsync();
            await LearnInstitutionsAsync();
            S.InProgress = date;
            S.InProgressInstitutions = [.. S.Institutions];
            await state.WriteOrReloadAsync();
        }

        return await CompleteAsync(date);
    }

    public async Task<IReadOnlyList<DailyCloseRun>> ListAsync(DateOnly from, DateOnly to)
    {
        if (to < from || to.DayNumber - from.DayNumber >= ListDaysMax)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, $"The range {from}..{to} must be 1 to {ListDaysMax} days.");
        }

        var runs = await JobRuns.ReadAsync<DailyCloseRun>(journal, LedgerNames.DailyCloseRunStream, r => r.Date >= from && r.Date <= to);
        return runs.OrderBy(r => r.Date).ToList();
    }

    /// <summary>Closes the day at every institution fixed for the run in progress, then commits the run with its entry.</summary>
    private async Task<DailyCloseRunResult> CompleteAsync(DateOnly date)
    {
        var closes = new List<DailyClose>();
        foreach (var chunk in S.InProgressInstitutions.Chunk(options.Value.DispatchConcurrencyMax))
        {
            closes.AddRange(await Task.WhenAll(chunk.Select(code => GrainFactory.GetGrain<IInstitutionGrain>(code).CloseDayAsync(date))));
        }

        var run = new DailyCloseRun
        {
            Period = LedgerNames.DailyClosePeriod(date),
            Date = date,
            Institutions = closes.Select(c => c.InstitutionCode).ToList(),
            Totals = Sum(date, closes.Select(c => c.Totals)),
            CompletedAt = time.GetUtcNow(),
        };
        S.InProgress = null;
        S.InProgressInstitutions = [];
        try
        {
            await state.WriteOrReloadAsync([new JournalAppend(LedgerNames.DailyCloseRunStream, LedgerNames.DailyCloseRunEntry(date), LedgerJson.Serialize(run))]);
        }
        catch (DuplicateJournalEntryException)
        {
            // Another activation (during a membership change) completed it first: its run stands.
            return new DailyCloseRunResult { Run = await FindRunAsync(date) ?? throw new InvalidOperationException($"Run {run.Period} is neither new nor stored."), AlreadyDone = true };
        }

        LogRunCompleted(log, run.Period, run.Institutions.Count, run.Totals.SettlementCount, run.Totals.MedicalFeeTotal.Fen);
        return new DailyCloseRunResult { Run = run, AlreadyDone = false };
    }

    /// <summary>
    /// Reads the institutions' posting streams and receivable indexes (<see cref="ReceivableIndex"/>) after the last read
    /// to learn institutions that had their first posting: a settlement's receivable is in its index, once applied (the
    /// close drains the dispatcher first), or, written by an earlier version, in a record naming the posting stream as its second.
    /// </summary>
    private async Task LearnInstitutionsAsync()
    {
        var known = new SortedSet<string>(S.Institutions, StringComparer.Ordinal);
        var postings = LedgerNames.PostingStream(LedgerNames.InstitutionAccountPrefix);
        while (await journal.ReadByStreamPrefixesAsync([postings, ReceivableIndex.StreamPrefix], S.InstitutionsReadThrough, ReadPageMax) is { Count: > 0 } page)
        {
            foreach (var entry in page)
            {
                known.Add(entry.StreamStartingWith(postings) is { } stream ? stream[postings.Length..] : entry.Stream[ReceivableIndex.StreamPrefix.Length..]);
            }

            S.InstitutionsReadThrough = page[^1].Sequence;
        }

        if (known.Count > options.Value.FundJobInstitutionsMax)
        {
            throw new InvalidOperationException($"{known.Count} institutions exceed SettlementOptions.FundJobInstitutionsMax ({options.Value.FundJobInstitutionsMax}).");
        }

        S.Institutions = [.. known];
    }

    private async Task<DailyCloseRun?> FindRunAsync(DateOnly date) =>
        await journal.FindAsync(LedgerNames.DailyCloseRunEntry(date)) is { } entry ? LedgerJson.Deserialize<DailyCloseRun>(entry) : null;

    private static DailyTotal Sum(DateOnly date, IEnumerable<DailyTotal> days) => days.Aggregate(
        InstitutionGrain.ZeroTotal(date),
        (sum, d) => sum with
        {
            SettlementCount = checked(sum.SettlementCount + d.SettlementCount),
            MedicalFeeTotal = sum.MedicalFeeTotal + d.MedicalFeeTotal,
            FundPaid = sum.FundPaid + d.FundPaid,
            AccountPaid = sum.AccountPaid + d.AccountPaid,
            CashPaid = sum.CashPaid + d.CashPaid,
        });

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Daily close {Period} completed: {Institutions} institutions, {Settlements} settlements, medfee {MedicalFeeFen} fen")]
    private static partial void LogRunCompleted(ILogger logger, string period, int institutions, int settlements, long medicalFeeFen);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Daily close {Period} by reminder: {Institutions} institutions (already done: {AlreadyDone})")]
    private static partial void LogScheduledRun(ILogger logger, string period, int institutions, bool alreadyDone);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Daily close by reminder up to {Day} failed; the next tick or an operator's run finishes it")]
    private static partial void LogScheduledRunFailed(ILogger logger, Exception exception, DateOnly day);
}
