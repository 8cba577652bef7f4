using Medisettle.Grains.Demo;
using Medisettle.Interfaces.Platform;
using Medisettle.LoadTest.Arrivals;
using Medisettle.LoadTest.Metrics;
using Medisettle.LoadTest.Reports;
using Medisettle.LoadTest.Running;
using Medisettle.LoadTest.Targets;
using Medisettle.LoadTest.Workload;
using Xunit;

namespace Medisettle.LoadTest.Tests;

public sealed class BusyRefusalTests
{
    [Fact]
    public async Task Each_9998_answer_is_counted_once_including_the_ones_sent_again()
    {
        var gateway = new BusyGateway(busyAnswers: 2, Infcodes.Unavailable);
        await using var target = Target(gateway);
        var refusals = 0;
        target.BusyRefused = () => Interlocked.Increment(ref refusals);

        var results = new List<SwipeResult>();
        foreach (var plan in GatewayPlans.Pharmacy(3, seed: 5, hoursEarlier: 1))
        {
            results.Add(await target.ExecuteAsync(plan, null, CancellationToken.None));
        }

        Assert.All(results, r => Assert.Equal((SwipeStatus.Settled, null), (r.Status, r.Detail)));
        Assert.Equal(6, refusals);
        Assert.Equal(6, target.UnavailableRetries);
        Assert.Equal(6, gateway.BusyAnswered);
    }

    [Fact]
    public async Task A_request_refused_until_the_resends_run_out_counts_every_answer()
    {
        var gateway = new BusyGateway(busyAnswers: int.MaxValue, Infcodes.Unavailable);
        await using var target = Target(gateway);
        var refusals = 0;
        target.BusyRefused = () => Interlocked.Increment(ref refusals);

        var result = await target.ExecuteAsync(GatewayPlans.Pharmacy(1, seed: 5, hoursEarlier: 1)[0], null, CancellationToken.None);

        Assert.Equal(SwipeStatus.Error, result.Status);
        Assert.StartsWith("infcode 9998", result.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpTarget.UnavailableRetriesMax + 1, refusals);
        Assert.Equal(HttpTarget.UnavailableRetriesMax, target.UnavailableRetries);
    }

    [Fact]
    public async Task A_1107_replay_cache_full_answer_is_a_busy_refusal_and_is_not_sent_again()
    {
        var gateway = new BusyGateway(busyAnswers: 1, Infcodes.ReplayCacheFull);
        await using var target = Target(gateway);
        var refusals = 0;
        target.BusyRefused = () => Interlocked.Increment(ref refusals);

        var result = await target.ExecuteAsync(GatewayPlans.Pharmacy(1, seed: 5, hoursEarlier: 1)[0], null, CancellationToken.None);

        Assert.Equal(SwipeStatus.Error, result.Status);
        Assert.StartsWith("infcode 1107", result.Detail, StringComparison.Ordinal);
        Assert.Equal(1, refusals);
        Assert.Equal(0, target.UnavailableRetries);
    }

    [Fact]
    public async Task A_9997_gateway_busy_answer_is_a_busy_swipe_not_an_error_not_sent_again_and_without_latency()
    {
        var gateway = new BusyGateway(busyAnswers: 1, Infcodes.Busy);
        await using var target = Target(gateway);
        var refusals = 0;
        target.BusyRefused = () => Interlocked.Increment(ref refusals);
        var metrics = new RunMetrics(TimeSpan.FromSeconds(1));

        var result = await target.ExecuteAsync(GatewayPlans.Pharmacy(1, seed: 5, hoursEarlier: 1)[0], null, CancellationToken.None);
        metrics.RecordCompleted(result, 123, TimeSpan.FromSeconds(1));

        Assert.Equal((SwipeStatus.Busy, "infcode 9997: gateway busy"), (result.Status, result.Detail));
        Assert.Equal((1, 0, 1), (refusals, target.UnavailableRetries, gateway.Messages));
        Assert.Equal((0L, 1L, 1L, 0L), (metrics.Errors, metrics.Count(SwipeStatus.Busy), metrics.Completed, metrics.Latency.Count));
    }

    [Fact]
    public async Task A_9997_to_a_resend_after_9998_is_sent_again_because_the_first_send_may_have_been_applied()
    {
        var gateway = new BusyGateway(busyAnswers: 3, Infcodes.Unavailable, laterBusyInfcode: Infcodes.Busy);
        await using var target = Target(gateway);

        var result = await target.ExecuteAsync(GatewayPlans.Pharmacy(1, seed: 5, hoursEarlier: 1)[0], null, CancellationToken.None);

        Assert.Equal((SwipeStatus.Settled, null), (result.Status, result.Detail));
        Assert.Equal((3L, 3), (gateway.BusyAnswered, target.UnavailableRetries));
    }

    [Fact]
    public async Task A_run_reports_every_503_answer_in_its_seconds_and_its_summary()
    {
        var gateway = new BusyGateway(busyAnswers: 2, Infcodes.Unavailable);
        await using var target = Target(gateway);
        var population = RunSession.Population(GatewayFixture.Persons, GatewayFixture.Institutions);
        var planner = new WorkloadPlanner(population, WorkloadMix.Default, 9, DateTimeOffset.UtcNow.AddHours(-3));
        var schedule = ArrivalSchedule.Constant(200, TimeSpan.FromSeconds(0.2));
        var options = new RunOptions { Seed = 9, Progress = false, WarmUpSeconds = 0 };

        var outcome = await new OpenLoopRunner(target, schedule, planner, options, TextWriter.Null).RunAsync(CancellationToken.None);
        var report = ReportBuilder.Build("busy", target, schedule, 200, options, outcome, null, null);

        Assert.Equal((40, 40, 0), (report.Offered, report.Completed, report.Errors));
        Assert.Equal(2L * gateway.Messages, gateway.BusyAnswered);
        Assert.Equal(gateway.BusyAnswered, report.BusyRefusals);
        Assert.Equal(report.BusyRefusals, report.Seconds.Sum(s => s.BusyRefusals));
        Assert.Equal(report.Seconds.Max(s => s.BusyRefusals), report.BusyRefusalsPerSecondMax);
        Assert.False(report.GcIncludesSilo);
        Assert.Null(target.BusyRefused);
    }

    [Fact]
    public async Task Report_sums_busy_refusals_and_gc_pause_per_second_exactly()
    {
        await using var target = Target(new BusyGateway(0, 0));
        var metrics = new RunMetrics(TimeSpan.FromSeconds(3));
        foreach (var seconds in new[] { 0.1, 0.9, 1.0, 2.5, 2.6, 2.999 })
        {
            metrics.RecordBusyRefusal(TimeSpan.FromSeconds(seconds));
        }

        var totals = new Queue<TimeSpan>([TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(14), TimeSpan.FromTicks(200_004), TimeSpan.FromTicks(200_004)]);
        var sampler = new GcPauseSampler(metrics, totals.Dequeue);
        sampler.Sample(TimeSpan.FromSeconds(0.4));
        sampler.Sample(TimeSpan.FromSeconds(2.2));
        sampler.Sample(TimeSpan.FromSeconds(2.4));
        var schedule = ArrivalSchedule.Constant(1, TimeSpan.FromSeconds(3));

        var report = ReportBuilder.Build("exact", target, schedule, 1, new RunOptions(), new RunOutcome(metrics, DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(3), 0, true), null, null);

        Assert.Equal([2L, 1L, 3L], report.Seconds.Select(s => s.BusyRefusals));
        Assert.Equal((6L, 3L), (report.BusyRefusals, report.BusyRefusalsPerSecondMax));
        Assert.Equal([4_000L, 0L, 6_000L], report.Seconds.Select(s => s.GcPauseMicroseconds));
        Assert.Equal((10_000L, 6_000L), (report.GcPauseMicroseconds, report.GcPauseMicrosecondsPerSecondMax));
    }

    private static HttpTarget Target(BusyGateway gateway) =>
        new(new HttpOptions { BaseAddress = new Uri("http://127.0.0.1:1"), Credentials = DemoCredentials.Generate(GatewayFixture.Institutions) }, TimeProvider.System, gateway);
}
