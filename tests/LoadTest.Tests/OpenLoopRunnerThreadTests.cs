using Medisettle.LoadTest.Arrivals;
using Medisettle.LoadTest.Running;
using Medisettle.LoadTest.Targets;
using Medisettle.LoadTest.Workload;
using Xunit;

namespace Medisettle.LoadTest.Tests;

public sealed class OpenLoopRunnerThreadTests
{
    [Fact]
    public async Task Every_swipe_starts_on_a_thread_pool_thread_not_on_the_arrival_thread()
    {
        var target = new ThreadRecordingTarget();
        var population = RunSession.Population(GatewayFixture.Persons, GatewayFixture.Institutions);
        var planner = new WorkloadPlanner(population, WorkloadMix.Default, 9, DateTimeOffset.UtcNow.AddHours(-3));
        var schedule = ArrivalSchedule.Constant(500, TimeSpan.FromSeconds(0.2));
        var options = new RunOptions { Seed = 9, Progress = false, WarmUpSeconds = 0 };

        var outcome = await new OpenLoopRunner(target, schedule, planner, options, TextWriter.Null).RunAsync(CancellationToken.None);

        Assert.Equal(100, outcome.Metrics.Completed);
        Assert.Equal(100, target.Starts.Count);
        Assert.All(target.Starts, start => Assert.Equal((true, false), (start.PoolThread, start.ArrivalThread)));
    }

    private sealed class ThreadRecordingTarget : ISwipeTarget
    {
        public System.Collections.Concurrent.ConcurrentQueue<(bool PoolThread, bool ArrivalThread)> Starts { get; } = new();

        public string Description => "records the thread each swipe starts on";

        public bool HostsSilo => false;

        public Action? BusyRefused { get; set; }

        public Task<SwipeResult> ExecuteAsync(SwipePlan plan, AcknowledgedSettlement? prior, CancellationToken cancellationToken)
        {
            Starts.Enqueue((Thread.CurrentThread.IsThreadPoolThread, Thread.CurrentThread.Name == "arrivals"));
            return Task.FromResult(new SwipeResult(plan.Kind, SwipeStatus.Settled, null, null));
        }

        public Task<RunAudit> AuditAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
