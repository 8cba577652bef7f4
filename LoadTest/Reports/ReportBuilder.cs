using System.Runtime.InteropServices;
using Medisettle.LoadTest.Arrivals;
using Medisettle.LoadTest.Metrics;
using Medisettle.LoadTest.Running;
using Medisettle.LoadTest.Targets;
using Medisettle.LoadTest.Workload;
using Medisettle.Storage.GroupCommit;

namespace Medisettle.LoadTest.Reports;

public static class ReportBuilder
{
    public static string Machine =>
        $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.ProcessArchitecture}";

    public static RunReport Build(
        string name, ISwipeTarget target, ArrivalSchedule schedule, double rate, RunOptions options, RunOutcome outcome, RunAudit? audit, StorageReport? storage, ProcessReport? process = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(outcome);
        var m = outcome.Metrics;
        var seconds = Math.Max(outcome.Elapsed.TotalSeconds, 1e-3);
        var samples = m.Series.Samples();
        var errors = m.Errors + (outcome.Drained ? 0 : m.Offered - m.Completed - m.Count(SwipeStatus.Dropped) - m.Count(SwipeStatus.Error));
        return new RunReport
        {
            Name = name,
            Target = target.Description,
            Machine = Machine,
            StartedAt = outcome.StartedAt,
            Profile = schedule.Name,
            TargetRatePerSecond = rate,
            DurationSeconds = schedule.Duration.TotalSeconds,
            Seed = options.Seed,
            InFlightMax = options.InFlightMax,
            Offered = m.Offered,
            Completed = m.Completed,
            Errors = errors,
            ErrorRate = m.Offered == 0 ? 0 : Math.Round((double)errors / m.Offered, 6),
            ElapsedSeconds = Math.Round(seconds, 3),
            AchievedSwipesPerSecond = Math.Round(m.Completed / seconds, 1),
            DurableSettlementsPerSecond = Math.Round(m.DurableWrites / seconds, 1),
            DurableWrites = m.DurableWrites,
            ByStatus = Enum.GetValues<SwipeStatus>().ToDictionary(s => s.ToString(), m.Count),
            ByKind = Enum.GetValues<SwipeKind>().ToDictionary(k => k.ToString(), m.Count),
            Latency = m.Latency.Summarize(),
            LatencyByKind = Enum.GetValues<SwipeKind>().ToDictionary(k => k.ToString(), k => m.LatencyOf(k).Summarize()),
            Rejections = new SortedDictionary<string, long>(m.Rejections.ToDictionary(), StringComparer.Ordinal),
            ErrorReasons = new SortedDictionary<string, long>(m.ErrorReasons.ToDictionary(), StringComparer.Ordinal),
            BusyRefusals = m.BusyRefusals,
            BusyRefusalsPerSecondMax = samples.Count == 0 ? 0 : samples.Max(s => s.BusyRefusals),
            GcPauseMicroseconds = m.GcPauseMicroseconds,
            GcPauseMicrosecondsPerSecondMax = samples.Count == 0 ? 0 : samples.Max(s => s.GcPauseMicroseconds),
            GcIncludesSilo = target.HostsSilo,
            Silo = Silo(m, samples),
            Storage = storage,
            Process = process,
            Audit = audit,
            Seconds = samples,
            LatencyDistribution = m.Latency.PercentileDistribution(),
        };
    }

    /// <summary>Seconds listed as the slowest (by p99) beside the silo's figures.</summary>
    public const int SlowestSecondsMax = 5;

    /// <summary>The silo's figures when it was sampled (<see cref="RunMetrics.SiloSamples"/> above 0), else null.</summary>
    public static SiloReport? Silo(RunMetrics metrics, IReadOnlyList<SecondSample> samples)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(samples);
        if (metrics.SiloSamples == 0)
        {
            return null;
        }

        return new SiloReport
        {
            Samples = metrics.SiloSamples,
            SampleFailures = metrics.SiloSampleFailures,
            CpuMicroseconds = metrics.SiloCpuMicroseconds,
            CpuMicrosecondsPerSwipe = metrics.Completed == 0 ? 0 : metrics.SiloCpuMicroseconds / metrics.Completed,
            GcPauseMicroseconds = metrics.SiloGcPauseMicroseconds,
            GcPauseMicrosecondsPerSecondMax = samples.Count == 0 ? 0 : samples.Max(s => s.SiloGcPauseMicroseconds),
            SlowestSeconds = samples.Where(s => s.Completed > 0).OrderByDescending(s => s.P99Microseconds).ThenBy(s => s.Second)
                .Take(SlowestSecondsMax).Select(s => s.Second).ToList(),
        };
    }

    /// <summary>The group-commit storage's counters (<see cref="GroupCommitGrainStorage.Statistics"/>) accumulated between two snapshots.</summary>
    public static StorageReport StorageBetween((long Transactions, long Writes, long Failed, TimeSpan Commit) before, GrainStorageStatistics after, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(after);
        var transactions = after.TransactionsCommitted - before.Transactions;
        var writes = after.WritesCommitted - before.Writes;
        return new StorageReport
        {
            Transactions = transactions,
            Writes = writes,
            WritesPerTransaction = transactions == 0 ? 0 : Math.Round((double)writes / transactions, 1),
            BatchesFailed = after.BatchesFailed - before.Failed,
            CommitMillisecondsMean = transactions == 0 ? 0 : Math.Round((after.CommitTime - before.Commit).TotalMilliseconds / transactions, 2),
            WriterBusyShare = Math.Round((after.CommitTime - before.Commit) / elapsed, 3),
            BatchWritesMax = after.BatchWritesMax,
            OptimisticFallbacks = after.OptimisticFallbacks,
        };
    }
}
