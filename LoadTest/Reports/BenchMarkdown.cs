using System.Globalization;
using System.Text;
using Medisettle.LoadTest.Targets;

namespace Medisettle.LoadTest.Reports;

/// <summary>Renders a <see cref="BenchReport"/> as Markdown (<c>bench.md</c>, and what <c>bench</c> prints at the end).</summary>
public static class BenchMarkdown
{
    public const string AdoNetLabel = "Orleans AdoNet on PostgreSQL (baseline)";

    public static string Render(BenchReport bench)
    {
        ArgumentNullException.ThrowIfNull(bench);
        var sb = new StringBuilder();
        var first = bench.SqliteGroupCommit;
        Line(sb, "# bench: durable settlements/s, group commit vs Orleans' AdoNet provider");
        Line(sb, "");
        Line(sb, "## Full settlement path");
        Line(sb, "");
        Line(sb, $"Open loop, {first.Profile} {first.TargetRatePerSecond:N0}/s offered for {first.DurationSeconds:N0} s, seed {first.Seed}, in-flight ≤ {first.InFlightMax:N0}; the same person grains, engine, workload and seeded demo data on every storage; each run audited at its end.");
        Line(sb, "");
        Line(sb, "| Storage | Durable settlements/s | Swipes/s | Errors (dropped at the in-flight bound) | p50 | p99 | Audit |");
        Line(sb, "|---|---:|---:|---:|---:|---:|---|");
        Row(sb, "SQLite group commit", bench.SqliteGroupCommit);
        Row(sb, "PostgreSQL group commit", bench.PostgresGroupCommit);
        Row(sb, AdoNetLabel, bench.AdoNetPostgres);
        Line(sb, "");
        Ratios(sb, bench.SettlementRatios, "durable settlements/s");
        Line(sb, "");
        Line(sb, $"Baseline: {bench.AdoNetDescription}");
        Line(sb, "");
        Line(sb, "## State writes (storage only)");
        Line(sb, "");
        if (bench.StateWrites.Count > 0)
        {
            Line(sb, $"Closed loop, {bench.StateWrites[0].Callers} callers over {bench.StateWrites[0].Grains:N0} grains; {bench.StateWriteDescription}.");
            Line(sb, "");
        }

        Line(sb, "| Storage | Durable writes/s | Writes per transaction | Failed |");
        Line(sb, "|---|---:|---:|---:|");
        foreach (var write in bench.StateWrites)
        {
            Line(sb, $"| {write.Name} | {write.WritesPerSecond:N0} | {write.WritesPerTransaction:F1} | {write.Failed:N0} |");
        }

        Line(sb, "");
        Ratios(sb, bench.StateWriteRatios, "durable state writes/s");
        return sb.ToString();
    }

    private static void Row(StringBuilder sb, string label, RunReport run)
    {
        var dropped = run.ByStatus.GetValueOrDefault(nameof(SwipeStatus.Dropped));
        var audit = run.Audit switch
        {
            null or { Available: false } => "not run",
            { Passed: true } a => FormattableString.Invariant($"passed ({a.Settlements:N0} settlements)"),
            { } a => FormattableString.Invariant($"**FAILED** ({a.Violations.Count:N0} violations listed)"),
        };
        Line(sb, $"| {label} | {run.DurableSettlementsPerSecond:N0} | {run.AchievedSwipesPerSecond:N0} | {run.Errors:N0} of {run.Offered:N0} ({dropped:N0}) | {MarkdownReport.Ms(run.Latency.P50Microseconds)} | {MarkdownReport.Ms(run.Latency.P99Microseconds)} | {audit} |");
    }

    private static void Ratios(StringBuilder sb, BenchRatios ratios, string what)
    {
        Line(sb, $"- Ratio PostgreSQL group commit ÷ AdoNet ({what}): {Ratio(ratios.PostgresGroupCommitOverAdoNet)}");
        Line(sb, $"- Ratio SQLite group commit ÷ AdoNet ({what}): {Ratio(ratios.SqliteGroupCommitOverAdoNet)}");
    }

    private static string Ratio(double? ratio) =>
        ratio is { } value ? string.Create(CultureInfo.InvariantCulture, $"**{value:F2}×**") : "n/a (the baseline completed none)";

    private static void Line(StringBuilder sb, FormattableString text) => sb.Append(text.ToString(CultureInfo.InvariantCulture)).Append('\n');

    private static void Line(StringBuilder sb, string text) => sb.Append(text).Append('\n');
}
