using System.Globalization;
using System.Text;

namespace Medisettle.LoadTest.Reports;

/// <summary>Renders a <see cref="RunReport"/> as Markdown.</summary>
public static class MarkdownReport
{
    public static string Render(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder();
        Line(sb, $"# Load test: {report.Name}");
        Line(sb, "");
        Line(sb, $"- Target: {report.Target}");
        Line(sb, $"- Machine: {report.Machine}");
        Line(sb, $"- Started: {report.StartedAt:u}; profile {report.Profile}, {report.TargetRatePerSecond:N0}/s for {report.DurationSeconds:N0} s, seed {report.Seed}, in-flight ≤ {report.InFlightMax:N0}");
        Line(sb, "");
        Line(sb, "| Offered | Completed | Errors | Elapsed | Swipes/s | Durable settlements/s | p50 | p90 | p99 | p99.9 | max |");
        Line(sb, "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var l = report.Latency;
        Line(sb, $"| {report.Offered:N0} | {report.Completed:N0} | {report.Errors:N0} ({report.ErrorRate:P2}) | {report.ElapsedSeconds:F1} s | {report.AchievedSwipesPerSecond:N0} | {report.DurableSettlementsPerSecond:N0} | {Ms(l.P50Microseconds)} | {Ms(l.P90Microseconds)} | {Ms(l.P99Microseconds)} | {Ms(l.P999Microseconds)} | {Ms(l.MaxMicroseconds)} |");
        Line(sb, "");
        Line(sb, "| GC pause | GC pause max in 1 s | Busy refusals (503) | Busy refusals max in 1 s |");
        Line(sb, "|---:|---:|---:|---:|");
        Line(sb, $"| {Ms(report.GcPauseMicroseconds)} | {Ms(report.GcPauseMicrosecondsPerSecondMax)} | {report.BusyRefusals:N0} | {report.BusyRefusalsPerSecondMax:N0} |");
        Line(sb, "");
        Line(sb, GcScope(report.GcIncludesSilo) + " " + BusyScope(report.GcIncludesSilo));
        Line(sb, "");
        if (report.Process is { } process)
        {
            Line(sb, ProcessLine(process, report.GcIncludesSilo));
            Line(sb, "");
        }

        if (report.Silo is { } silo)
        {
            Line(sb, $"The silo (its /metrics, read each second; {silo.SampleFailures:N0} reads failed): CPU {silo.CpuMicroseconds / 1e6:F1} s, {silo.CpuMicrosecondsPerSwipe:N0} µs per completed swipe; GC pause {Ms(silo.GcPauseMicroseconds)}, at most {Ms(silo.GcPauseMicrosecondsPerSecondMax)} in one second.");
            Line(sb, "");
            Line(sb, "| Slowest seconds (by p99) | Completed | p50 | p99 | Silo GC pause | Silo CPU | Journal lag | Load tool GC pause |");
            Line(sb, "|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var second in silo.SlowestSeconds.Select(i => report.Seconds[i]))
            {
                Line(sb, $"| {second.Second} | {second.Completed:N0} | {Ms(second.P50Microseconds)} | {Ms(second.P99Microseconds)} | {Ms(second.SiloGcPauseMicroseconds)} | {Ms(second.SiloCpuMicroseconds)} | {second.SiloJournalLag:N0} | {Ms(second.GcPauseMicroseconds)} |");
            }

            Line(sb, "");
        }

        Line(sb, "Latency is measured from each swipe's intended start (open loop). An outpatient swipe is its 2206 pre-settlement and 2207 settlement.");
        Line(sb, "");
        Line(sb, "| Kind | Count | p50 | p99 | max |");
        Line(sb, "|---|---:|---:|---:|---:|");
        foreach (var (kind, summary) in report.LatencyByKind)
        {
            Line(sb, $"| {kind} | {summary.Count:N0} | {Ms(summary.P50Microseconds)} | {Ms(summary.P99Microseconds)} | {Ms(summary.MaxMicroseconds)} |");
        }

        Line(sb, "");
        Line(sb, "Status: " + string.Join(", ", report.ByStatus.Select(p => $"{p.Key} {p.Value:N0}")));
        Section(sb, "Rejections (business answers, not errors)", report.Rejections);
        Section(sb, "Errors", report.ErrorReasons);
        if (report.Storage is { } storage)
        {
            Line(sb, "");
            Line(sb, $"Storage: {storage.Transactions:N0} transactions, {storage.Writes:N0} state writes, {storage.WritesPerTransaction:F1} writes per transaction (max {storage.BatchWritesMax}), {storage.CommitMillisecondsMean:F2} ms per transaction, writer busy {storage.WriterBusyShare:P0}, {storage.OptimisticFallbacks} redone with savepoints, {storage.BatchesFailed} failed.");
        }

        if (report.Audit is { } audit)
        {
            Line(sb, "");
            Line(sb, !audit.Available
                ? "Audit: not available from this target."
                : $"Audit: **{(audit.Passed ? "passed" : "FAILED")}** — {audit.Settlements:N0} settlements, {audit.Cancellations:N0} cancels, {audit.Postings:N0} postings, {audit.PersonsChecked:N0} persons' accumulators, {audit.CapsChecked:N0} annual caps checked in {audit.AuditSeconds:F1} s.");
            foreach (var violation in audit.Violations)
            {
                Line(sb, $"- {violation}");
            }
        }

        return sb.ToString();
    }

    /// <summary>What the GC pause figures cover: the load tool's process, and the silo's GC only when it runs in it.</summary>
    public static string GcScope(bool includesSilo) => includesSilo
        ? "GC pause is this process's (GC.GetTotalPauseDuration), which hosts the silo: it is the silo's GC too."
        : "GC pause is the load tool's process only (GC.GetTotalPauseDuration); the silo's GC is not in it.";

    /// <summary>The process's CPU, allocations and collections, with the silo named when it ran in the process.</summary>
    public static string ProcessLine(ProcessReport process, bool includesSilo)
    {
        ArgumentNullException.ThrowIfNull(process);
        var perSettlement = process.CpuMicrosecondsPerDurableSettlement is { } cpu && process.AllocatedBytesPerDurableSettlement is { } bytes
            ? string.Create(CultureInfo.InvariantCulture, $" ({cpu:N1} µs and {bytes / 1024:N1} KiB a durable settlement)")
            : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{(includesSilo ? "This process (load generator and silo)" : "The load tool's process (not the silo)")}: CPU {process.CpuMicroseconds / 1e6:F2} s, allocated {process.AllocatedBytes / 1048576.0:N0} MiB{perSettlement}; collections gen0 {process.Gen0Collections}, gen1 {process.Gen1Collections}, gen2 {process.Gen2Collections}.");
    }

    private static string BusyScope(bool inProcess) => inProcess
        ? "Busy refusals are 0 in-process: no gateway answers \"busy, retry later\"."
        : "Busy refusals count every HTTP 503 answer (infcode 9997, 9998 or 1107, \"busy, retry later\") once, including those sent again.";

    public static string Ms(long microseconds) => (microseconds / 1000.0).ToString("0.00", CultureInfo.InvariantCulture) + " ms";

    private static void Section(StringBuilder sb, string title, IReadOnlyDictionary<string, long> counts)
    {
        if (counts.Count == 0)
        {
            return;
        }

        Line(sb, "");
        Line(sb, $"{title}:");
        foreach (var (reason, count) in counts.OrderByDescending(p => p.Value))
        {
            Line(sb, $"- {count:N0} × {reason}");
        }
    }

    private static void Line(StringBuilder sb, FormattableString text) => sb.Append(text.ToString(CultureInfo.InvariantCulture)).Append('\n');

    private static void Line(StringBuilder sb, string text) => sb.Append(text).Append('\n');

}
