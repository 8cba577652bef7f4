using System.Globalization;
using Medisettle.LoadTest.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Medisettle.LoadTest.Bench;

/// <summary>
/// Orleans alone: in-process grain calls per second through the co-hosted silo's <see cref="IGrainFactory"/>, no storage.
/// Closed loop: <c>callers</c> workers, each calling <see cref="IBenchGrain.PingAsync"/> as fast as it is answered,
/// over <c>grains</c> stateless grains.
/// </summary>
public static class RuntimeBenchmark
{
    /// <summary>Unreported calls before the measurement: activations, JIT.</summary>
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(1);

    public static async Task<int> RunAsync(TimeSpan duration, int callers, int grainCount, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        var builder = CoHostedSilo.CreateBuilder(TimeSpan.FromHours(1), _ => { });
        using var host = builder.Build();
        await host.StartAsync(cancellationToken);
        try
        {
            var factory = host.Services.GetRequiredService<IGrainFactory>();
            var grains = Enumerable.Range(0, grainCount).Select(i => factory.GetGrain<IBenchGrain>(string.Create(CultureInfo.InvariantCulture, $"bench-{i}"))).ToArray();
            await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"runtime: Orleans in-process grain calls (no storage), {callers} concurrent callers over {grainCount:N0} grains, {duration.TotalSeconds:0.#} s, {Environment.ProcessorCount} cores"));
            await ClosedLoop.RunAsync(callers, grainCount, i => grains[i].PingAsync(i), WarmUp, cancellationToken);
            var result = await ClosedLoop.RunAsync(callers, grainCount, i => grains[i].PingAsync(i), duration, cancellationToken);
            await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"in-process grain calls: {result.PerSecond:N0} calls/s ({result.Completed:N0} calls in {result.Elapsed.TotalSeconds:F1} s, {result.Failed} failed)"));
            return result.Failed == 0 ? 0 : 1;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
