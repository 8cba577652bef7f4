using System.Text.Json;
using System.Xml.Linq;
using Medisettle.LoadTest.Metrics;
using Medisettle.LoadTest.Reports;
using Medisettle.LoadTest.Targets;
using Xunit;

namespace Medisettle.LoadTest.Tests;

public sealed class ReportTests
{
    [Fact]
    public void Json_report_round_trips_its_numbers()
    {
        var json = ReportFiles.ToJson(Sample());

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal("sample", root.GetProperty("name").GetString());
        Assert.Equal(1_000, root.GetProperty("offered").GetInt64());
        Assert.Equal(1_200, root.GetProperty("latency").GetProperty("p99Microseconds").GetInt64());
        Assert.Equal(3, root.GetProperty("seconds").GetArrayLength());
        Assert.True(root.GetProperty("audit").GetProperty("passed").GetBoolean());
        Assert.Equal(7, root.GetProperty("busyRefusals").GetInt64());
        Assert.Equal(9_000, root.GetProperty("gcPauseMicroseconds").GetInt64());
        Assert.Equal([3L, 4L, 0L], root.GetProperty("seconds").EnumerateArray().Select(s => s.GetProperty("busyRefusals").GetInt64()));
        Assert.Equal([0L, 6_500L, 2_500L], root.GetProperty("seconds").EnumerateArray().Select(s => s.GetProperty("gcPauseMicroseconds").GetInt64()));
    }

    [Fact]
    public void Svg_chart_is_well_formed_xml_with_rate_latency_gc_pause_and_busy_refusal_panels()
    {
        var svg = XDocument.Parse(SvgChart.Render(Sample()));

        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", svg.Root!.Name);
        Assert.Equal(6, svg.Descendants(ns + "polyline").Count());
        var texts = svg.Descendants(ns + "text").Select(t => t.Value).ToList();
        Assert.Contains(SvgChart.GcPanelTitle + ": the load tool's process only, not the silo's", texts);
        Assert.Contains(SvgChart.BusyPanelTitle, texts);
    }

    [Fact]
    public void Svg_chart_plots_gc_pause_in_milliseconds_and_busy_refusals_on_whole_count_ticks()
    {
        var svg = XDocument.Parse(SvgChart.Render(Sample() with { GcIncludesSilo = true }));

        XNamespace ns = "http://www.w3.org/2000/svg";
        var lines = svg.Descendants(ns + "polyline").Select(p => p.Attribute("points")!.Value).ToList();
        var texts = svg.Descendants(ns + "text").Select(t => t.Value).ToList();
        Assert.Contains(SvgChart.GcPanelTitle + ": this process, which hosts the silo", texts);
        Assert.Contains(SvgChart.BusyPanelTitle + ": none in-process", texts);
        // GC panel (120 px, axis to 6.5 ms) and busy panel (120 px, axis to 4) at x = 70, 475, 880.
        Assert.Equal("70.0,720.0 475.0,600.0 880.0,673.8", lines[4]);
        Assert.Equal("70.0,810.0 475.0,780.0 880.0,900.0", lines[5]);
        Assert.Contains("6.5", texts);
        Assert.Equal(["0", "1", "2", "3", "4"], texts.SkipWhile(t => !t.StartsWith(SvgChart.BusyPanelTitle, StringComparison.Ordinal)).Skip(1).Take(5));
    }

    [Fact]
    public async Task Report_files_put_the_hdrhistogram_percentile_distribution_beside_the_json_and_not_in_it()
    {
        var histogram = new LatencyHistogram();
        for (var ms = 1; ms <= 1_000; ms++)
        {
            histogram.Record(ms * 1_000L);
        }

        var directory = Directory.CreateTempSubdirectory("loadtest-report-");
        try
        {
            var stem = await ReportFiles.WriteAsync(
                Sample() with { LatencyDistribution = histogram.PercentileDistribution() }, directory.FullName, CancellationToken.None);

            Assert.Equal(histogram.PercentileDistribution(), await File.ReadAllTextAsync(stem + ".hgrm"));
            Assert.DoesNotContain("latencyDistribution", await File.ReadAllTextAsync(stem + ".json"), StringComparison.Ordinal);
            Assert.Equal(
                ["sample.hgrm", "sample.json", "sample.md", "sample.svg"],
                directory.GetFiles().Select(f => f.Name).Order(StringComparer.Ordinal));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Report_files_without_a_distribution_write_no_hgrm()
    {
        var directory = Directory.CreateTempSubdirectory("loadtest-report-");
        try
        {
            await ReportFiles.WriteAsync(Sample(), directory.FullName, CancellationToken.None);

            Assert.Equal(["sample.json", "sample.md", "sample.svg"], directory.GetFiles().Select(f => f.Name).Order(StringComparer.Ordinal));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Markdown_report_states_the_audit_and_percentiles()
    {
        var markdown = MarkdownReport.Render(Sample());

        Assert.Contains("Audit: **passed**", markdown, StringComparison.Ordinal);
        Assert.Contains("| 1.20 ms |", markdown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, "GC pause is the load tool's process only (GC.GetTotalPauseDuration); the silo's GC is not in it.")]
    [InlineData(true, "GC pause is this process's (GC.GetTotalPauseDuration), which hosts the silo: it is the silo's GC too.")]
    public void Markdown_report_states_gc_pause_and_busy_refusals_with_their_maxima_per_second(bool inProcess, string scope)
    {
        var markdown = MarkdownReport.Render(Sample() with { GcIncludesSilo = inProcess });

        var lines = markdown.Split('\n');
        Assert.Contains("| GC pause | GC pause max in 1 s | Busy refusals (503) | Busy refusals max in 1 s |", lines);
        Assert.Contains("| 9.00 ms | 6.50 ms | 7 | 4 |", lines);
        Assert.Contains(lines, l => l.StartsWith(scope, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(5_151, 5_302, 1_000, 5.3, 5.15)]
    [InlineData(31_164, 20_743, 5_407, 3.84, 5.76)]
    [InlineData(1_000, 1_000, 1_000, 1.0, 1.0)]
    [InlineData(500, 0, 1_000, 0.0, 0.5)]
    [InlineData(1, 2, 3, 0.67, 0.33)]
    [InlineData(1, 3, 8, 0.38, 0.13)] // 0.375 and 0.125 (exact in binary): midpoints round away from zero
    public void Bench_ratios_are_group_commit_over_adonet_rounded_to_two_decimals(double sqlite, double postgres, double adoNet, double postgresRatio, double sqliteRatio)
    {
        var ratios = BenchRatios.Of(sqlite, postgres, adoNet);

        Assert.Equal(postgresRatio, ratios.PostgresGroupCommitOverAdoNet);
        Assert.Equal(sqliteRatio, ratios.SqliteGroupCommitOverAdoNet);
    }

    [Fact]
    public void Bench_ratios_are_absent_when_the_baseline_completed_nothing()
    {
        var ratios = BenchRatios.Of(5_000, 4_000, 0);

        Assert.Null(ratios.PostgresGroupCommitOverAdoNet);
        Assert.Null(ratios.SqliteGroupCommitOverAdoNet);
    }

    [Fact]
    public void Bench_markdown_lists_the_three_settlement_rates_every_state_write_rate_and_both_ratio_pairs()
    {
        var bench = new BenchReport
        {
            SqliteGroupCommit = Sample(),
            PostgresGroupCommit = Sample() with { DurableSettlementsPerSecond = 700 },
            AdoNetPostgres = Sample() with { DurableSettlementsPerSecond = 200, Audit = new RunAudit { Passed = false, Violations = ["a", "b"] } },
            AdoNetDescription = "two transactions",
            SettlementRatios = BenchRatios.Of(900, 700, 200),
            StateWriteDescription = "one write = a test state",
            StateWrites = [StateWrites("sqlite-group-commit", 5_000, 200), StateWrites("postgres-group-commit", 3_000, 150), StateWrites("postgres-adonet", 1_000, 1)],
            StateWriteRatios = BenchRatios.Of(5_000, 3_000, 0),
        };

        var lines = BenchMarkdown.Render(bench).Split('\n');

        Assert.Contains("| SQLite group commit | 900 | 1,000 | 0 of 1,000 (0) | 0.50 ms | 1.20 ms | passed (900 settlements) |", lines);
        Assert.Contains("| PostgreSQL group commit | 700 | 1,000 | 0 of 1,000 (0) | 0.50 ms | 1.20 ms | passed (900 settlements) |", lines);
        Assert.Contains("| Orleans AdoNet on PostgreSQL (baseline) | 200 | 1,000 | 0 of 1,000 (0) | 0.50 ms | 1.20 ms | **FAILED** (2 violations listed) |", lines);
        Assert.Contains("- Ratio PostgreSQL group commit ÷ AdoNet (durable settlements/s): **3.50×**", lines);
        Assert.Contains("- Ratio SQLite group commit ÷ AdoNet (durable settlements/s): **4.50×**", lines);
        Assert.Contains("Baseline: two transactions", lines);
        Assert.Contains("Closed loop, 256 callers over 10,000 grains; one write = a test state.", lines);
        Assert.Contains("| postgres-adonet | 1,000 | 1.0 | 0 |", lines);
        Assert.Contains("- Ratio PostgreSQL group commit ÷ AdoNet (durable state writes/s): n/a (the baseline completed none)", lines);
    }

    private static StateWriteReport StateWrites(string name, double perSecond, double perTransaction) => new()
    {
        Name = name,
        Storage = name,
        StateBytes = 1_000,
        Grains = 10_000,
        Callers = 256,
        SeedSeconds = 1,
        Writes = (long)perSecond * 10,
        Failed = 0,
        ElapsedSeconds = 10,
        WritesPerSecond = perSecond,
        WritesPerTransaction = perTransaction,
    };

    private static RunReport Sample() => new()
    {
        Name = "sample",
        Target = "test <target> & co",
        Machine = "test",
        StartedAt = new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero),
        Profile = "constant",
        TargetRatePerSecond = 1_000,
        DurationSeconds = 1,
        Seed = 1,
        InFlightMax = 10,
        Offered = 1_000,
        Completed = 1_000,
        Errors = 0,
        ErrorRate = 0,
        ElapsedSeconds = 1,
        AchievedSwipesPerSecond = 1_000,
        DurableSettlementsPerSecond = 900,
        DurableWrites = 900,
        ByStatus = new Dictionary<string, long> { ["Settled"] = 900 },
        ByKind = new Dictionary<string, long> { ["Pharmacy"] = 1_000 },
        Latency = new LatencySummary { Count = 1_000, P50Microseconds = 500, P90Microseconds = 900, P99Microseconds = 1_200, P999Microseconds = 2_000, MaxMicroseconds = 3_000 },
        LatencyByKind = new Dictionary<string, LatencySummary> { ["Pharmacy"] = new() { Count = 1_000, P99Microseconds = 1_200 } },
        Rejections = new Dictionary<string, long>(),
        ErrorReasons = new Dictionary<string, long>(),
        BusyRefusals = 7,
        BusyRefusalsPerSecondMax = 4,
        GcPauseMicroseconds = 9_000,
        GcPauseMicrosecondsPerSecondMax = 6_500,
        GcIncludesSilo = false,
        Audit = new RunAudit { Passed = true, Settlements = 900 },
        Seconds =
        [
            new SecondSample { Second = 0, Offered = 500, Completed = 480, Errors = 0, P50Microseconds = 400, P99Microseconds = 1_000, MaxMicroseconds = 1_500, BusyRefusals = 3, GcPauseMicroseconds = 0 },
            new SecondSample { Second = 1, Offered = 500, Completed = 510, Errors = 0, P50Microseconds = 500, P99Microseconds = 1_200, MaxMicroseconds = 3_000, BusyRefusals = 4, GcPauseMicroseconds = 6_500 },
            new SecondSample { Second = 2, Offered = 0, Completed = 10, Errors = 0, P50Microseconds = 600, P99Microseconds = 900, MaxMicroseconds = 900, BusyRefusals = 0, GcPauseMicroseconds = 2_500 },
        ],
    };
}
