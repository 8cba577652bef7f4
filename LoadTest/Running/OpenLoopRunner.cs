using System.Diagnostics;
using System.Globalization;
using Medisettle.LoadTest.Arrivals;
using Medisettle.LoadTest.Metrics;
using Medisettle.LoadTest.Targets;
using Medisettle.LoadTest.Workload;

namespace Medisettle.LoadTest.Running;

/// <summary>
/// Open-loop driver: a dedicated thread starts arrival i at its intended time t0 + offset(i), whatever is still
/// running, and latency is measured from that intended time to completion (so a stalled target shows up in the
/// percentiles instead of silently slowing the offered load: no coordinated omission). When the thread wakes late
/// it starts every overdue arrival at once; the lateness counts in their latency.
/// </summary>
public sealed class OpenLoopRunner(ISwipeTarget target, ArrivalSchedule schedule, WorkloadPlanner planner, RunOptions options, TextWriter progress)
{
    private readonly AcknowledgedPool _pool = new(options.Seed + 1);
    private readonly RunMetrics _metrics = new(schedule.Duration);
    private long _inFlight;
    private long _start;
    private long _lastCompletion;

    /// <summary>Runs the whole schedule (or <see cref="RunOptions.CountMax"/> arrivals) and waits for the swipes in flight.</summary>
    public async Task<RunOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var count = options.CountMax > 0 ? Math.Min(options.CountMax, schedule.Count) : schedule.Count;
        var startedAt = DateTimeOffset.UtcNow;
        var gcPauses = new GcPauseSampler(_metrics, GC.GetTotalPauseDuration);
        _start = Stopwatch.GetTimestamp();
        using var ticker = options.Progress ? new Timer(_ => PrintProgress(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)) : null;
        var gcTicker = new Timer(_ => gcPauses.Sample(Stopwatch.GetElapsedTime(_start)), null, GcPauseSampler.Interval, GcPauseSampler.Interval);
        target.BusyRefused = () => _metrics.RecordBusyRefusal(Stopwatch.GetElapsedTime(_start));
        var silo = target.SiloMetrics is { } source ? new SiloMetricsSampler(_metrics, source.Client, source.Uri) : null;
        using var siloStop = new CancellationTokenSource();
        var siloSampling = silo is null ? Task.CompletedTask : SampleSiloAsync(silo, siloStop.Token);
        bool drained;
        TimeSpan elapsed;
        try
        {
            var arrivals = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var thread = new Thread(() => Arrive(count, arrivals, cancellationToken)) { IsBackground = true, Name = "arrivals", Priority = ThreadPriority.AboveNormal };
            thread.Start();
            await arrivals.Task;
            drained = await DrainAsync(cancellationToken);
            elapsed = Stopwatch.GetElapsedTime(_start, Math.Max(Interlocked.Read(ref _lastCompletion), _start + 1));
        }
        finally
        {
            target.BusyRefused = null;
            await gcTicker.DisposeAsync(); // waits for a sample under way
            await siloStop.CancelAsync();
            await siloSampling;
        }

        // The pauses since the last tick belong to the run's last second.
        gcPauses.Sample(elapsed);
        if (silo is not null)
        {
            await silo.SampleAsync(elapsed, CancellationToken.None);
        }

        if (options.Progress)
        {
            PrintProgress();
        }

        return new RunOutcome(_metrics, startedAt, elapsed, count, drained);
    }

    /// <summary>Samples the silo's totals at the start (the baseline) and every <see cref="SiloMetricsSampler.Interval"/> until stopped.</summary>
    private async Task SampleSiloAsync(SiloMetricsSampler silo, CancellationToken stop)
    {
        try
        {
            await silo.SampleAsync(TimeSpan.Zero, stop);
            using var timer = new PeriodicTimer(SiloMetricsSampler.Interval);
            while (await timer.WaitForNextTickAsync(stop))
            {
                await silo.SampleAsync(Stopwatch.GetElapsedTime(_start), stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The run ended.
        }
    }

    private void Arrive(long count, TaskCompletionSource done, CancellationToken cancellationToken)
    {
        try
        {
            var frequency = Stopwatch.Frequency;
            for (long i = 0; i < count && !cancellationToken.IsCancellationRequested; i++)
            {
                var offset = schedule.IntendedOffset(i);
                var intended = _start + (long)(offset.TotalSeconds * frequency);
                WaitUntil(intended);
                var plan = planner.Next(i);
                _metrics.RecordOffered(offset);
                if (Interlocked.Read(ref _inFlight) >= options.InFlightMax)
                {
                    _metrics.RecordDropped(offset);
                    continue;
                }

                Interlocked.Increment(ref _inFlight);
                ThreadPool.UnsafeQueueUserWorkItem(new Arrival(this, plan, intended, cancellationToken), preferLocal: false);
            }

            done.SetResult();
        }
        catch (Exception exception)
        {
            done.SetException(exception);
        }
    }

    /// <summary>
    /// Sleeps until <paramref name="timestamp"/> in steps of about a millisecond, never spinning: on a 2-core machine a
    /// spinning arrival thread would take a core from the target. The wake-up slack (≤ ~1 ms) counts in latency.
    /// </summary>
    private static void WaitUntil(long timestamp)
    {
        while (Stopwatch.GetTimestamp() < timestamp)
        {
            Thread.Sleep(1);
        }
    }

    /// <summary>
    /// One swipe, started on the thread pool rather than on the arrival thread. Orleans takes a call's completion source
    /// from a pool of the thread that makes the call and gives it back to the pool of the thread its answer completes on
    /// (one stack per thread, no bound). Calls made on the arrival thread never found one there, and every answer grew a
    /// pool thread's stack: at 15,000 swipes/s the load tool's heap kept about 26,000 more of them a second. Started
    /// from pool threads, the takes and returns fall on the same threads and the stacks stay small.
    /// </summary>
    private sealed class Arrival(OpenLoopRunner runner, SwipePlan plan, long intended, CancellationToken cancellationToken) : IThreadPoolWorkItem
    {
        public void Execute() => _ = runner.RunOneAsync(plan, intended, cancellationToken);
    }

    private async Task RunOneAsync(SwipePlan plan, long intended, CancellationToken cancellationToken)
    {
        try
        {
            var prior = plan.Kind switch
            {
                SwipeKind.Cancel => _pool.TakeForCancel(),
                SwipeKind.Retry => _pool.PickForRetry(),
                _ => null,
            };
            var result = await target.ExecuteAsync(plan, prior, cancellationToken);
            var now = Stopwatch.GetTimestamp();
            var latency = Stopwatch.GetElapsedTime(intended, now);
            _metrics.RecordCompleted(result, latency.Ticks / TimeSpan.TicksPerMicrosecond, Stopwatch.GetElapsedTime(_start, now));
            if (result.Acknowledged is { } acknowledged)
            {
                _pool.Add(acknowledged);
            }

            SetLastCompletion(now);
        }
        catch (Exception exception)
        {
            var now = Stopwatch.GetTimestamp();
            _metrics.RecordCompleted(new SwipeResult(plan.Kind, SwipeStatus.Error, exception.GetType().Name + ": " + exception.Message, null), 0, Stopwatch.GetElapsedTime(_start, now));
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private void SetLastCompletion(long now)
    {
        var last = Interlocked.Read(ref _lastCompletion);
        while (now > last)
        {
            var seen = Interlocked.CompareExchange(ref _lastCompletion, now, last);
            if (seen == last)
            {
                return;
            }

            last = seen;
        }
    }

    private async Task<bool> DrainAsync(CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(options.DrainTimeout.TotalSeconds * Stopwatch.Frequency);
        while (Interlocked.Read(ref _inFlight) > 0)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                return false;
            }

            await Task.Delay(5, cancellationToken);
        }

        return true;
    }

    private void PrintProgress()
    {
        var elapsed = Stopwatch.GetElapsedTime(_start);
        var samples = _metrics.Series.Samples();
        var last = samples.Count >= 2 ? samples[^2] : samples.Count == 1 ? samples[0] : null;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"[{elapsed.TotalSeconds,6:F1} s] offered {_metrics.Offered,9:N0}  done {_metrics.Completed,9:N0}  last 1 s: {last?.Completed ?? 0,7:N0}/s  p50 {Ms(last?.P50Microseconds)}  p99 {Ms(last?.P99Microseconds)}  in flight {Interlocked.Read(ref _inFlight),6:N0}  errors {_metrics.Errors:N0}");
        lock (progress)
        {
            progress.WriteLine(line);
        }
    }

    private static string Ms(long? microseconds) =>
        string.Create(CultureInfo.InvariantCulture, $"{(microseconds ?? 0) / 1000.0,8:F2} ms");
}
