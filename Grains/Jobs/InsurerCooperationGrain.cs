using Medisettle.Grains.Ledger;
using Medisettle.Grains.Policy;
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
/// The insurer cooperation (政保合作, S2 第3篇) fund job, one activation cluster-wide (key <see cref="Key"/>). It keeps the
/// agreements and assessments recorded and reads the pooled funds' spending per month from the postings (posting rows and settlement records). A
/// month's run makes a line per fund with an agreement for the year whose pack (in force on the month's last day) has
/// <c>fundJobs.insurerCooperation</c> (<see cref="InsurerCooperation.MonthLine"/>); the year-end settlement a line per
/// such fund from December's (<see cref="InsurerCooperation.YearLine"/>). Each run's entry (<c>job:</c> + its period
/// key), its postings and the state commit in one transaction, once; months run in order.
/// </summary>
public sealed partial class InsurerCooperationGrain(
    [JournaledState("insurer-cooperation")] IJournaledState<InsurerCooperationState> state,
    IJournal journal,
    PolicyCatalogProvider policies,
    [FromKeyedServices(SettlementClock.ServiceKey)] TimeProvider time,
    IOptions<SettlementOptions> options,
    ILogger<InsurerCooperationGrain> log) : Grain, IInsurerCooperationGrain, IRemindable
{
    public const string Key = "insurer-cooperation";

    public const string ReminderName = "insurer-cooperation";

    /// <summary>Longest range <see cref="ListAsync"/> answers, in years.</summary>
    public const int ListYearsMax = 100;

    /// <summary>Assessments recorded per fund and year, at most.</summary>
    public const int AssessmentsPerYearMax = 10_000;

    private InsurerCooperationState S => state.State;

    public Task StartAsync() => JobCalendar.RegisterDailyTickAsync(this, ReminderName, time, options.Value, options.Value.MonthlyPayoutTime + TimeSpan.FromMinutes(45));

    /// <summary>
    /// Every day: for last year and this year, when they have agreements, runs each month ended that is not run yet, in
    /// order, and last year's settlement once <see cref="SettlementOptions.YearEndJobsDelay"/> has passed; a refusal or a
    /// failure stops there until the next tick.
    /// </summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        var today = JobCalendar.Today(time, options.Value);
        var lastMonth = BusinessMonth.Of(today).Previous();
        try
        {
            foreach (var year in new[] { today.Year - 1, today.Year }.Where(y => S.Agreements.Any(a => a.Year == y)))
            {
                for (var month = new BusinessMonth(year, 1); month <= lastMonth && month.Year == year; month = month.Next())
                {
                    if (await FindRunAsync(InsurerCooperation.RunEntry(month)) is null && (await RunMonthAsync(month)).Refusal is { } refusal)
                    {
                        LogScheduledRunRefused(log, month.ToString(), refusal);
                        return;
                    }
                }

                if (year < today.Year && JobCalendar.YearEndJobsDue(today, options.Value) && await FindRunAsync(InsurerCooperation.RunEntry(year)) is null
                    && (await RunYearAsync(year)).Refusal is { } yearRefusal)
                {
                    LogScheduledRunRefused(log, year.ToString("D4", System.Globalization.CultureInfo.InvariantCulture), yearRefusal);
                    return;
                }
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogScheduledRunFailed(log, exception);
        }
    }

    public async Task<InsurerRecordResult> RecordAgreementAsync(InsurerAgreement agreement)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        if (agreement.InsuredPersons <= 0 || agreement.Year is < 1 or > 9998 || FundPoolKey.Parse(agreement.Fund).Fund != nameof(Interfaces.Settlement.FundType.BasicPooled))
        {
            throw new ArgumentException($"An insurer agreement needs a pooled fund, a year and a positive number of insured persons, not {agreement}.", nameof(agreement));
        }

        if (S.Agreements.FirstOrDefault(a => a.Fund == agreement.Fund && a.Year == agreement.Year) is { } first)
        {
            return first == agreement
                ? new InsurerRecordResult { Outcome = InsurerRecordOutcome.AlreadyRecorded }
                : new InsurerRecordResult { Outcome = InsurerRecordOutcome.Conflict, Detail = $"{agreement.Fund} has an agreement for {agreement.Year} already: {first.InsuredPersons} insured persons." };
        }

        if (await FindRunAsync(InsurerCooperation.RunEntry(new BusinessMonth(agreement.Year, 1))) is not null)
        {
            return new InsurerRecordResult { Outcome = InsurerRecordOutcome.Closed, Detail = $"January {agreement.Year} is run; an agreement is recorded before the year's first month is run." };
        }

        if (Rule(agreement.Fund, new DateOnly(agreement.Year, 1, 31)) is null)
        {
            return new InsurerRecordResult { Outcome = InsurerRecordOutcome.NoRule, Detail = $"no pack in force for {agreement.Fund} on {agreement.Year}-01-31 has fundJobs.insurerCooperation." };
        }

        S.Agreements.Add(agreement);
        await state.WriteOrReloadAsync([new JournalAppend(InsurerCooperation.RecordStream, InsurerCooperation.AgreementEntry(agreement.Fund, agreement.Year), LedgerJson.Serialize(agreement))]);
        return new InsurerRecordResult { Outcome = InsurerRecordOutcome.Recorded };
    }

    public async Task<InsurerRecordResult> RecordAssessmentAsync(InsurerAssessment assessment)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        if (!AuditDeduction.IsWellFormedId(assessment.AssessmentId) || string.IsNullOrWhiteSpace(assessment.Reason) || !Enum.IsDefined(assessment.Kind))
        {
            throw new ArgumentException($"An insurer assessment needs a well-formed id, a kind and a reason, not {assessment}.", nameof(assessment));
        }

        if (S.Assessments.FirstOrDefault(a => a.AssessmentId == assessment.AssessmentId) is { } first)
        {
            return first == assessment
                ? new InsurerRecordResult { Outcome = InsurerRecordOutcome.AlreadyRecorded }
                : new InsurerRecordResult { Outcome = InsurerRecordOutcome.Conflict, Detail = $"assessmentId {assessment.AssessmentId} was recorded with other content ({first.Fund} {first.Year} {first.Kind})." };
        }

        if (!S.Agreements.Any(a => a.Fund == assessment.Fund && a.Year == assessment.Year))
        {
            return new InsurerRecordResult { Outcome = InsurerRecordOutcome.NoRule, Detail = $"{assessment.Fund} has no insurer agreement for {assessment.Year}." };
        }

        if (await FindRunAsync(InsurerCooperation.RunEntry(assessment.Year)) is not null)
        {
            return new InsurerRecordResult { Outcome = InsurerRecordOutcome.Closed, Detail = $"{assessment.Year} is settled; its assessments are fixed." };
        }

        if (S.Assessments.Count(a => a.Fund == assessment.Fund && a.Year == assessment.Year) >= AssessmentsPerYearMax)
        {
            return new InsurerRecordResult { Outcome = InsurerRecordOutcome.Conflict, Detail = $"{assessment.Fund} has {AssessmentsPerYearMax} assessments for {assessment.Year}, the most kept." };
        }

        S.Assessments.Add(assessment);
        await state.WriteOrReloadAsync([new JournalAppend(InsurerCooperation.RecordStream, InsurerCooperation.AssessmentEntry(assessment.AssessmentId), LedgerJson.Serialize(assessment))]);
        return new InsurerRecordResult { Outcome = InsurerRecordOutcome.Recorded };
    }

    public async Task<InsurerCooperationRunResult> RunMonthAsync(BusinessMonth month)
    {
        if (await FindRunAsync(InsurerCooperation.RunEntry(month)) is { } done)
        {
            return new InsurerCooperationRunResult { Run = done, AlreadyDone = true };
        }

        var agreements = S.Agreements.Where(a => a.Year == month.Year).OrderBy(a => a.Fund, StringComparer.Ordinal).ToList();
        if (agreements.Count == 0)
        {
            return new InsurerCooperationRunResult { Refusal = $"no insurer agreement is recorded for {month.Year}." };
        }

        InsurerCooperationRun? previous = null;
        if (month.Month > 1 && (previous = await FindRunAsync(InsurerCooperation.RunEntry(month.Previous()))) is null)
        {
            return new InsurerCooperationRunResult { Refusal = $"{month.Previous()} is not run; the months of a year run in order." };
        }

        await ReadPostingsAsync();
        var lines = new List<InsurerMonthLine>();
        foreach (var agreement in agreements)
        {
            if (Rule(agreement.Fund, month.LastDay) is { } pack)
            {
                var spending = S.Spending.Where(s => s.Fund == agreement.Fund && s.Month.Year == month.Year && s.Month <= month).Aggregate(Money.Zero, (sum, s) => sum + s.Amount);
                var before = previous?.Months.FirstOrDefault(l => l.Fund == agreement.Fund);
                lines.Add(InsurerCooperation.MonthLine(agreement.Fund, pack.Id, pack.FundJobs!.InsurerCooperation!, agreement, month, spending, before));
            }
        }

        var now = time.GetUtcNow();
        var run = new InsurerCooperationRun { Period = InsurerCooperation.Period(month), Year = month.Year, Month = month, ThroughSequence = S.ReadThrough, Months = lines, CompletedAt = now };
        return await CommitAsync(run, InsurerCooperation.RunEntry(month), InsurerCooperation.Postings(month, lines, now));
    }

    public async Task<InsurerCooperationRunResult> RunYearAsync(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9998);
        if (await FindRunAsync(InsurerCooperation.RunEntry(year)) is { } done)
        {
            return new InsurerCooperationRunResult { Run = done, AlreadyDone = true };
        }

        if (await FindRunAsync(InsurerCooperation.RunEntry(new BusinessMonth(year, 12))) is not { } december)
        {
            return new InsurerCooperationRunResult { Refusal = $"{year}-12 is not run; the year is settled after its December." };
        }

        await ReadPostingsAsync();
        var lines = new List<InsurerYearLine>();
        foreach (var agreement in S.Agreements.Where(a => a.Year == year).OrderBy(a => a.Fund, StringComparer.Ordinal))
        {
            if (december.Months.FirstOrDefault(l => l.Fund == agreement.Fund) is { } last && Rule(agreement.Fund, new DateOnly(year, 12, 31)) is { } pack)
            {
                var spending = S.Spending.Where(s => s.Fund == agreement.Fund && s.Month.Year == year).Aggregate(Money.Zero, (sum, s) => sum + s.Amount);
                var assessed = S.Assessments.Where(a => a.Fund == agreement.Fund && a.Year == year).ToList();
                lines.Add(InsurerCooperation.YearLine(pack.Id, pack.FundJobs!.InsurerCooperation!, agreement, last, spending,
                    assessed.Count(a => a.Kind == InsurerAssessmentKind.Complaint), assessed.Count(a => a.Kind == InsurerAssessmentKind.MissedWarning)));
            }
        }

        var now = time.GetUtcNow();
        var run = new InsurerCooperationRun { Period = InsurerCooperation.Period(year), Year = year, ThroughSequence = S.ReadThrough, Years = lines, CompletedAt = now };
        return await CommitAsync(run, InsurerCooperation.RunEntry(year), InsurerCooperation.Postings(year, lines, now));
    }

    public async Task<IReadOnlyList<InsurerCooperationRun>> ListAsync(int from, int to)
    {
        if (to < from || to - from >= ListYearsMax)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, $"The range {from}..{to} must be 1 to {ListYearsMax} years.");
        }

        var runs = await JobRuns.ReadAsync<InsurerCooperationRun>(journal, InsurerCooperation.RunStream, r => r.Year >= from && r.Year <= to);
        return runs.OrderBy(r => r.Year).ThenBy(r => r.Month is null).ThenBy(r => r.Month).ToList();
    }

    private async Task<InsurerCooperationRunResult> CommitAsync(InsurerCooperationRun run, string entryId, IReadOnlyList<Posting> postings)
    {
        var appends = new List<JournalAppend> { new(InsurerCooperation.RunStream, entryId, LedgerJson.Serialize(run)) };
        appends.AddRange(postings.Select(p => new JournalAppend(LedgerNames.PostingStream(p.Account), p.PostingId, LedgerJson.Serialize(p))));
        try
        {
            await state.WriteOrReloadAsync(appends);
        }
        catch (DuplicateJournalEntryException)
        {
            return new InsurerCooperationRunResult { Run = await FindRunAsync(entryId) ?? throw new InvalidOperationException($"Run {run.Period} is neither new nor stored."), AlreadyDone = true };
        }

        LogRunCompleted(log, run.Period, run.Months.Count + run.Years.Count);
        return new InsurerCooperationRunResult { Run = run };
    }

    /// <summary>The pack in force for <paramref name="fund"/>'s region and scheme on <paramref name="date"/> when it has the rule.</summary>
    private PolicyPack? Rule(string fund, DateOnly date)
    {
        var key = FundPoolKey.Parse(fund);
        return policies.Catalog.Resolve(key.Region, key.Scheme, date).FundJobs is { FundJobs.InsurerCooperation: not null } pack ? pack : null;
    }

    /// <summary>Reads the postings after the last read into each pooled fund's spending per month.</summary>
    private async Task ReadPostingsAsync()
    {
        var index = S.Spending.ToDictionary(s => (s.Fund, s.Month));
        S.ReadThrough = await FundPostings.ReadAsync(journal, S.ReadThrough, (account, posting) =>
        {
            if (!RiskReserve.IsPooledFund(account) || !RiskReserve.IsSpending(posting.Kind))
            {
                return;
            }

            var key = (account, BusinessMonth.Of(posting.SettlementDate));
            if (!index.TryGetValue(key, out var totals))
            {
                index[key] = totals = new FundMonthSpending { Fund = account, Month = key.Item2 };
                S.Spending.Add(totals);
            }

            totals.Amount += posting.Amount;
        });
    }

    private async Task<InsurerCooperationRun?> FindRunAsync(string entryId) =>
        await journal.FindAsync(entryId) is { } entry ? LedgerJson.Deserialize<InsurerCooperationRun>(entry) : null;

    [LoggerMessage(EventId = 5041, Level = LogLevel.Information, Message = "Insurer cooperation {Period} completed: {Lines} funds")]
    private static partial void LogRunCompleted(ILogger logger, string period, int lines);

    [LoggerMessage(EventId = 5042, Level = LogLevel.Information, Message = "Insurer cooperation {Period} by reminder refused, tried again on the next tick: {Refusal}")]
    private static partial void LogScheduledRunRefused(ILogger logger, string period, string refusal);

    [LoggerMessage(EventId = 5043, Level = LogLevel.Warning, Message = "Insurer cooperation by reminder failed; the next tick or an operator's run does it")]
    private static partial void LogScheduledRunFailed(ILogger logger, Exception exception);
}
