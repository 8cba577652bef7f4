using System.Diagnostics;

namespace Medisettle.LoadTest.Bench;

/// <summary>
/// Closed-loop driver of the grain benchmarks: <c>callers</c> workers, each calling as fast as it is answered, worker
/// <c>c</c> cycling over the items <c>c, c + callers, c + 2·callers, …</c> of <c>0..items-1</c>, so every item (grain)
/// sees one call at a time. Measures completed calls per second; a failed call is counted, not retried.
/// </summary>
internal static class ClosedLoop
{
    public static async Task<ClosedLoopResult> RunAsync(int callers, int items, Func<int, Task> operation, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(callers);
        ArgumentOutOfRangeException.ThrowIfLessThan(items, callers);
        ArgumentNullException.ThrowIfNull(operation);
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long completed = 0;
        long failed = 0;
        string? firstError = null;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            long ok = 0;
            long errors = 0;
            var item = caller;
            while (Stopwatch.GetTimestamp() < stopAt && !cancellationToken.IsCancellationRequested)
            {
                try
                {
                    await operation(item);
                    ok++;
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    errors++;
                    Interlocked.CompareExchange(ref firstError, exception.GetType().Name + ": " + exception.Message, null);
                }

                item += callers;
                if (item >= items)
                {
                    item = caller;
                }
            }

            Interlocked.Add(ref completed, ok);
            Interlocked.Add(ref failed, errors);
        }, cancellationToken)));
        return new ClosedLoopResult(completed, failed, Stopwatch.GetElapsedTime(started), firstError);
    }
}
