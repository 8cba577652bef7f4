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
/// The year-end 二次补偿 fund job (DOMAIN.md §7, S4 §4), one activation cluster-wide (key <see cref="Key"/>). A run of a
/// year reads the whole journal (a yearly job: settlement records, cancels and the pooled funds' postings), and for each
/// pooled fund with income recorded for the year whose pack (in force on 31 December) has
/// <c>fundJobs.secondaryCompensation</c> pays each inpatient what <see cref="SecondaryCompensation.Compute"/> gives. The
/// run entry <c>job:secondary-compensation:{yyyy}</c> and its postings commit in one transaction, once. The year's risk
/// reserve comes first when the pack has one (the surplus re-compensated is what is left after it).
/// </summary>
public sealed partial class SecondaryCompensationGrain(
    [JournaledState("secondary-compensation")] IJournaledState<SecondaryCompensationState> state,
    IJournal journal,
    PolicyCatalogProvider policies,
    [FromKeyedServices(SettlementClock.ServiceKey)] TimeProvider time,
    IOptions<SettlementOptions> options,
    ILogger<SecondaryCompensationGrain> log) : Grain, ISecondaryCompensationGrain, IRemindable
{
    public const string Key = "secondary-compensation";

    public const string ReminderName = "secondary-compensation";

    public const int ListYearsMax = 100;

    private const int ReadPageMax = 4096;

    public Task StartAsync() => JobCalendar.RegisterDailyTickAsync(this, ReminderName, time, options.Value, options.Value.MonthlyPayoutTime + TimeSpan.FromMinutes(30));

    /// <summary>
    /// Every day (30 minutes after the risk reserve's tick): runs last year once, from
    /// <see cref="SettlementOptions.YearEndJobsDelay"/> after 1 January; refused while the year's reserve is not done, it
    /// tries again on the next tick.
    /// </summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        var today = JobCalendar.Today(time, options.Value);
        var lastYear = today.Year - 1;
        if (state.State.LastScheduledYear == lastYear || !JobCalendar.YearEndJobsDue(today, options.Value))
        {
            return;
        }

        try
        {
            var result = await RunAsync(lastYear);
            if (result.Run is null)
            {
                LogScheduledRunRefused(log, lastYear, result.Refusal);
                return;
            }

            state.State.LastScheduledYear = lastYear;
            await state.WriteOrReloadAsync();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogScheduledRunFailed(log, exception, lastYear);
        }
    }

    public async Task<CompensationRunResult> RunAsync(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9998);
        if (await FindRunAsync(year) is { } done)
        {
            return new CompensationRunResult { Run = done, AlreadyDone = true };
        }

        var read = await ReadYearAsync(year);
        var funds = new List<CompensationFund>();
        var persons = new List<CompensationLine>();
        foreach (var (fund, income) in read.Income.Where(p => !p.Value.IsZero).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var key = FundPoolKey.Parse(fund);
            if (policies.Catalog.Resolve(key.Region, key.Scheme, new DateOnly(year, 12, 31)).FundJobs is not { FundJobs.SecondaryCompensation: { } rule } pack)
            {
                continue;
            }

            if (pack.FundJobs.RiskReserve is not null && await journal.FindAsync(LedgerNames.RiskReserveRunEntry(year)) is null)
            {
                return new CompensationRunResult { Refusal = $"The risk reserve of {year} is not done; pack {pack.Id} sets one aside for {fund} first." };
            }

            var (line, lines) = SecondaryCompensation.Compute(fund, pack.Id, rule, income, read.Spending.GetValueOrDefault(fund), read.SelfPay.GetValueOrDefault(fund) ?? []);
            funds.Add(line);
            persons.AddRange(lines);
        }

        var now = time.GetUtcNow();
        var run = new CompensationRun { Period = SecondaryCompensation.Period(year), Year = year, ThroughSequence = read.Through, Funds = funds, Persons = persons, CompletedAt = now };
        var appends = new List<JournalAppend> { new(SecondaryCompensation.RunStream, SecondaryCompensation.RunEntry(year), LedgerJson.Serialize(run)) };
        appends.AddRange(SecondaryCompensation.Postings(year, persons, now).Select(p => new JournalAppend(LedgerNames.PostingStream(p.Account), p.PostingId, LedgerJson.Serialize(p))));
        state.State.RunsCompleted++;
        try
        {
            await state.WriteOrReloadAsync(appends);
        }
        catch (DuplicateJournalEntryException)
        {
            return new CompensationRunResult { Run = await FindRunAsync(year), AlreadyDone = true };
        }

        LogRunCompleted(log, run.Period, persons.Count, funds.Aggregate(Money.Zero, (sum, f) => sum + f.Paid).Fen);
        return new CompensationRunResult { Run = run };
    }

    public async Task<IReadOnlyList<CompensationRun>> ListAsync(int from, int to)
    {
        if (to < from || to - from >= ListYearsMax)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, $"The range {from}..{to} must be 1 to {ListYearsMax} years.");
        }

        var runs = await JobRuns.ReadAsync<CompensationRun>(journal, SecondaryCompensation.RunStream, r => r.Year >= from && r.Year <= to);
        return runs.OrderBy(r => r.Year).ToList();
    }

    /// <summary>Reads the whole journal: the pooled funds' income and spending of the year, and each person's self-pay of the year by fund.</summary>
    private async Task<CompensationYear> ReadYearAsync(int year)
    {
        var result = new CompensationYear();
        var records = new Dictionary<string, SettlementRecord>(StringComparer.Ordinal);
        var cancelled = new HashSet<string>(StringComparer.Ordinal);
        while (await journal.ReadAllAsync(result.Through, ReadPageMax) is { Count: > 0 } page)
        {
            foreach (var entry in page)
            {
                if (LedgerNames.AccountOf(entry.Stream) is { } account)
                {
                    if (RiskReserve.IsPooledFund(account))
                    {
                        result.Add(LedgerJson.Deserialize<Posting>(entry), year);
                    }
                }
                else if (LedgerNames.IsSettlementRecord(entry))
                {
                    var record = LedgerJson.Deserialize<SettlementRecord>(entry);
                    records[record.SettlementId] = record;
                    foreach (var posting in LedgerWriter.CarriedPostingsOf(record).Where(p => RiskReserve.IsPooledFund(p.Account)))
                    {
                        result.Add(posting, year);
                    }
                }
                else if (entry.EntryId.StartsWith("cancel:", StringComparison.Ordinal))
                {
                    cancelled.Add(LedgerJson.Deserialize<CancellationRecord>(entry).SettlementId);
                }
            }

            result.Through = page[^1].Sequence;
        }

        result.AddSelfPay(records.Values.Where(r => !cancelled.Contains(r.SettlementId)), year);
        return result;
    }

    private async Task<CompensationRun?> FindRunAsync(int year) =>
        await journal.FindAsync(SecondaryCompensation.RunEntry(year)) is { } entry ? LedgerJson.Deserialize<CompensationRun>(entry) : null;

    [LoggerMessage(EventId = 5032, Level = LogLevel.Information, Message = "二次补偿 of {Year} by reminder refused, tried again on the next tick: {Refusal}")]
    private static partial void LogScheduledRunRefused(ILogger logger, int year, string? refusal);

    [LoggerMessage(EventId = 5033, Level = LogLevel.Warning, Message = "二次补偿 of {Year} by reminder failed; the next tick or an operator's run does it")]
    private static partial void LogScheduledRunFailed(ILogger logger, Exception exception, int year);

    [LoggerMessage(EventId = 5031, Level = LogLevel.Information, Message = "二次补偿 {Period} completed: {Persons} persons, paid {PaidFen} fen")]
    private static partial void LogRunCompleted(ILogger logger, string period, int persons, long paidFen);
}
