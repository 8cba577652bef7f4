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
    }

    [Fact]
    public void Svg_chart_is_well_formed_xml_with_two_series_per_panel()
    {
        var svg = XDocument.Parse(SvgChart.Render(Sample()));

        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", svg.Root!.Name);
        Assert.Equal(4, svg.Descendants(ns + "polyline").Count());
    }

    [Fact]
    public void Markdown_report_states_the_audit_and_percentiles()
    {
        var markdown = MarkdownReport.Render(Sample());

        Assert.Contains("Audit: **passed**", markdown, StringComparison.Ordinal);
        Assert.Contains("| 1.20 ms |", markdown, StringComparison.Ordinal);
    }

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
        Audit = new RunAudit { Passed = true, Settlements = 900 },
        Seconds =
        [
            new SecondSample { Second = 0, Offered = 500, Completed = 480, Errors = 0, P50Microseconds = 400, P99Microseconds = 1_000, MaxMicroseconds = 1_500 },
            new SecondSample { Second = 1, Offered = 500, Completed = 510, Errors = 0, P50Microseconds = 500, P99Microseconds = 1_200, MaxMicroseconds = 3_000 },
            new SecondSample { Second = 2, Offered = 0, Completed = 10, Errors = 0, P50Microseconds = 600, P99Microseconds = 900, MaxMicroseconds = 900 },
        ],
    };
}
