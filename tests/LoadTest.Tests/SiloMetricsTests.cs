using System.Net;
using System.Text.Json;
using Medisettle.LoadTest.Cli;
using Medisettle.LoadTest.Metrics;
using Medisettle.LoadTest.Reports;
using Xunit;

namespace Medisettle.LoadTest.Tests;

/// <summary>
/// The silo's CPU and GC pause time read from its <c>/metrics</c> each second of an HTTP run: parsing the Prometheus
/// text, turning totals into increases per second, the slowest seconds of the report, and a real run against a gateway.
/// </summary>
public sealed class SiloMetricsTests
{
    private const string Metrics = """
        # TYPE dotnet_gc_pause_time_seconds_total counter
        # HELP dotnet_gc_pause_time_seconds_total The total amount of time paused in GC since the process has started.
        dotnet_gc_pause_time_seconds_total{otel_scope_name="System.Runtime"} 0.031141
        dotnet_process_cpu_time_seconds_total{otel_scope_name="System.Runtime",cpu_mode="user"} 2.258233
        dotnet_process_cpu_time_seconds_total{otel_scope_name="System.Runtime",cpu_mode="system"} 0.323786
        dotnet_gc_collections_total{otel_scope_name="System.Runtime",gc_heap_generation="gen2"} 8
        medisettle_journal_lag{otel_scope_name="Medisettle"} 2
        dotnet_process_cpu_time_seconds_total_bogus not-a-number
        """;

    [Fact]
    public void The_totals_are_read_from_the_prometheus_text_cpu_modes_summed()
    {
        var counters = SiloCounters.Parse(Metrics);

        Assert.Equal(new SiloCounters(0.031141, 2.258233 + 0.323786, 2), counters);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only comments\n")]
    [InlineData("dotnet_process_cpu_time_seconds_total{cpu_mode=\"user\"} 1.5\n")]
    [InlineData("dotnet_gc_pause_time_seconds_total 0.5\n")]
    public void Text_without_both_totals_is_no_reading(string text)
    {
        Assert.Null(SiloCounters.Parse(text));
    }

    [Fact]
    public async Task Each_sample_records_the_increase_since_the_one_before_and_a_failed_read_records_nothing()
    {
        var answers = new Queue<string?>([Totals(0.010, 2.0), Totals(0.060, 2.75) + "medisettle_journal_lag 40\n", null, Totals(0.061, 4.0) + "medisettle_journal_lag 7\n"]);
        using var http = new HttpClient(new Answers(answers)) { BaseAddress = new Uri("http://127.0.0.1:1") };
        var metrics = new RunMetrics(TimeSpan.FromSeconds(10));
        var sampler = new SiloMetricsSampler(metrics, http, new Uri("/metrics", UriKind.Relative));

        await sampler.SampleAsync(TimeSpan.Zero, CancellationToken.None);                    // the baseline
        await sampler.SampleAsync(TimeSpan.FromSeconds(1.2), CancellationToken.None);        // +50 ms GC, +0.75 s CPU since 0: second 0
        await sampler.SampleAsync(TimeSpan.FromSeconds(2.1), CancellationToken.None);        // the silo does not answer
        await sampler.SampleAsync(TimeSpan.FromSeconds(3.0), CancellationToken.None);        // +1 ms GC, +1.25 s CPU since 1.2 s: second 1

        var seconds = metrics.Series.Samples();
        Assert.Equal((2, 1), (metrics.SiloSamples, metrics.SiloSampleFailures));
        Assert.Equal((51_000L, 2_000_000L), (metrics.SiloGcPauseMicroseconds, metrics.SiloCpuMicroseconds));
        Assert.Equal([(50_000L, 750_000L, 0L), (1_000L, 1_250_000L, 40L), (0L, 0L, 0L), (0L, 0L, 7L)], seconds.Select(s => (s.SiloGcPauseMicroseconds, s.SiloCpuMicroseconds, s.SiloJournalLag)));
    }

    [Fact]
    public void The_report_names_the_seconds_with_the_highest_p99_slowest_first_and_is_absent_without_samples()
    {
        var metrics = new RunMetrics(TimeSpan.FromSeconds(10));
        var samples = new[] { (0, 5_000L), (1, 90_000L), (2, 0L), (3, 90_000L), (4, 40_000L), (5, 1_000L), (6, 60_000L) }
            .Select(p => new SecondSample
            {
                Second = p.Item1, Offered = 10, Completed = p.Item2 == 0 ? 0 : 10, Errors = 0, P50Microseconds = 1, P99Microseconds = p.Item2,
                MaxMicroseconds = p.Item2, BusyRefusals = 0, GcPauseMicroseconds = 0,
            }).ToList();

        Assert.Null(ReportBuilder.Silo(metrics, samples));
        metrics.RecordSilo(TimeSpan.FromSeconds(1), 7_000, 900_000);
        var silo = ReportBuilder.Silo(metrics, samples)!;

        Assert.Equal([1, 3, 6, 4, 0], silo.SlowestSeconds);
        Assert.Equal((1L, 900_000L, 7_000L), (silo.Samples, silo.CpuMicroseconds, silo.GcPauseMicroseconds));
    }

    private static string Totals(double gcPause, double cpu) =>
        FormattableString.Invariant($"dotnet_gc_pause_time_seconds_total {gcPause}\ndotnet_process_cpu_time_seconds_total{{cpu_mode=\"user\"}} {cpu}\n");

    /// <summary>Answers each request with the next text, or 503 for a null.</summary>
    private sealed class Answers(Queue<string?> texts) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(texts.Dequeue() is { } text
                ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(text) }
                : new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
    }
}

/// <summary>An HTTP run against a real gateway reports what its silo's <c>/metrics</c> said during the run.</summary>
[Collection(GatewayCollection.Name)]
public sealed class HttpSiloMetricsTests(GatewayFixture gateway)
{
    [Fact]
    public async Task An_http_run_reports_the_silos_cpu_per_swipe_and_its_slowest_seconds()
    {
        var reports = Path.Combine(gateway.WorkDirectory, "silo-metrics");

        var exit = await LoadTestCommands.Create().Parse(
        [
            "http", "--url", gateway.BaseAddress.ToString(), "--admin-token", GatewayFixture.AdminToken, "--credentials", gateway.CredentialsPath,
            "--rate", "40", "--duration", "3", "--warmup", "0", "--persons", "200", "--institutions", "30", "--seed", "11", "--out", reports, "--name", "silo",
        ]).InvokeAsync();

        Assert.Equal(0, exit);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(reports, "silo.json")));
        var silo = report.RootElement.GetProperty("silo");
        Assert.InRange(silo.GetProperty("samples").GetInt64(), 2, 10); // one a second after the first read, and one at the end
        Assert.Equal(0, silo.GetProperty("sampleFailures").GetInt64());
        Assert.True(silo.GetProperty("cpuMicroseconds").GetInt64() > 0);
        Assert.Equal(silo.GetProperty("cpuMicroseconds").GetInt64() / report.RootElement.GetProperty("completed").GetInt64(), silo.GetProperty("cpuMicrosecondsPerSwipe").GetInt64());
        Assert.NotEmpty(silo.GetProperty("slowestSeconds").EnumerateArray());
        Assert.Contains("| Slowest seconds (by p99) |", await File.ReadAllTextAsync(Path.Combine(reports, "silo.md")), StringComparison.Ordinal);
    }
}
