using Medisettle.Grains.Demo;
using Medisettle.LoadTest.Arrivals;
using Medisettle.LoadTest.Metrics;
using Medisettle.LoadTest.Reports;
using Medisettle.LoadTest.Targets;
using Medisettle.LoadTest.Workload;

namespace Medisettle.LoadTest.Running;

/// <summary>One run end to end: plan, drive, audit, report. Returns the report; the caller decides the exit code.</summary>
public static class RunSession
{
    public static async Task<RunReport> RunAsync(
        string name, ISwipeTarget target, DemoPopulation population, ArrivalSchedule schedule, double rate, RunOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(log);
        await log.WriteLineAsync($"{name}: {target.Description}; {schedule.Name} {rate:N0}/s for {schedule.Duration.TotalSeconds:N0} s ({schedule.Count:N0} arrivals), seed {options.Seed}");
        var now = DateTimeOffset.UtcNow;
        if (options.WarmUpSeconds > 0)
        {
            // An hour earlier in the message ids and visit ids, so warm-up and measured swipes never share one.
            var warmUp = new WorkloadPlanner(population, WorkloadMix.Default, options.Seed + 1_000, now.AddHours(-1));
            var warmUpSchedule = ArrivalSchedule.Constant(Math.Min(rate, RunOptions.WarmUpRateMax), TimeSpan.FromSeconds(options.WarmUpSeconds));
            await new OpenLoopRunner(target, warmUpSchedule, warmUp, options with { Progress = false, CountMax = 0 }, log).RunAsync(cancellationToken);
            await log.WriteLineAsync($"warm-up: {warmUpSchedule.Count:N0} swipes in {options.WarmUpSeconds:N0} s (not reported)");
        }

        var planner = new WorkloadPlanner(population, WorkloadMix.Default, options.Seed, now);
        var storage = (target as InProcessTarget)?.StorageStatistics;
        var before = storage is null ? default : (storage.TransactionsCommitted, storage.WritesCommitted, storage.BatchesFailed, storage.CommitTime);
        var processBefore = ProcessCounters.Take();
        var outcome = await new OpenLoopRunner(target, schedule, planner, options, log).RunAsync(cancellationToken);
        var process = ProcessCounters.Between(processBefore, ProcessCounters.Take(), outcome.Metrics.DurableWrites);
        var storageReport = storage is null ? null : ReportBuilder.StorageBetween(before, storage, outcome.Elapsed);
        await log.WriteLineAsync("auditing…");
        var audit = await target.AuditAsync(cancellationToken);
        return ReportBuilder.Build(name, target, schedule, rate, options, outcome, audit, storageReport, process);
    }

    /// <summary>Writes the report files, prints the summary, and returns the exit code: 0, or 1 when the audit failed or errors exceed the threshold.</summary>
    public static async Task<int> FinishAsync(RunReport report, string outputDirectory, double errorRateMax, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(log);
        var stem = await ReportFiles.WriteAsync(report, outputDirectory, cancellationToken);
        await log.WriteLineAsync(MarkdownReport.Render(report));
        await log.WriteLineAsync(report.LatencyDistribution is null ? $"report: {stem}.json, .md, .svg" : $"report: {stem}.json, .md, .svg, .hgrm");
        var failed = false;
        if (report.Audit is { Available: true, Passed: false })
        {
            await log.WriteLineAsync("FAIL: the audit found violations.");
            failed = true;
        }

        if (report.ErrorRate > errorRateMax)
        {
            await log.WriteLineAsync($"FAIL: error rate {report.ErrorRate:P3} exceeds --error-rate-max {errorRateMax:P3}.");
            failed = true;
        }

        return failed ? 1 : 0;
    }

    public static DemoPopulation Population(int persons, int institutions) =>
        new(Math.Min(persons, DemoData.DefaultPersonCount * 10), institutions);
}
