using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Medisettle.Grains.Hosting;
using Medisettle.LoadTest.Hosting;
using Medisettle.LoadTest.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Medisettle.LoadTest.Bench;

/// <summary>
/// What HTTP itself costs on this machine: a bare Kestrel endpoint that reads a request body of a swipe request's size
/// and answers one of an answer's size, calling a trivial grain a given number of times, driven open-loop from this
/// process over loopback. The CPU a request counts both sides (this process is server and client, as the silo and the
/// load tool share the machine's cores in an HTTP run), so it is the floor of what a request of <c>http</c> can cost
/// here before any of the gateway's, the grains' or the storage's work. docs/benchmarks.md, "The HTTP transport on this
/// machine".
/// </summary>
internal static class HttpFloor
{
    /// <summary>Grains the endpoint's calls spread over (each request one of them), so calls find activations as swipes do.</summary>
    private const int GrainKeys = 1_000;

    public static async Task<string> RunAsync(HttpFloorOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning).AddOrleansNoiseFilters();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.UseOrleans(silo => silo.UseLocalhostClustering(siloPort: CoHostedSilo.FreeLoopbackPort(), gatewayPort: 0));
        await using var app = builder.Build();
        var answer = Encoding.UTF8.GetBytes("{\"infcode\":0,\"output\":\"" + new string('a', Math.Max(0, options.AnswerBytes - 25)) + "\"}");
        var grains = app.Services.GetRequiredService<IGrainFactory>();
        var next = 0;
        app.MapPost("/floor/{calls:int}", async (int calls, HttpRequest request) =>
        {
            var buffer = ArrayPool<byte>.Shared.Rent(8_192);
            var read = 0;
            try
            {
                int n;
                while ((n = await request.Body.ReadAsync(buffer)) > 0)
                {
                    read += n;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            var key = (Interlocked.Increment(ref next) % GrainKeys).ToString(CultureInfo.InvariantCulture);
            for (var i = 0; i < calls; i++)
            {
                await grains.GetGrain<IBenchGrain>(key).PingAsync(read + i);
            }

            return Results.Bytes(answer, "application/json");
        });
        await app.StartAsync(cancellationToken);
        try
        {
            var address = new Uri(app.Urls.First());
            using var client = new HttpClient(new SocketsHttpHandler
            {
                MaxConnectionsPerServer = options.Connections,
                PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
                UseProxy = false,
            })
            {
                BaseAddress = address,
                Timeout = TimeSpan.FromSeconds(30),
            };
            var body = Encoding.UTF8.GetBytes("{\"infno\":\"2207\",\"input\":\"" + new string('b', Math.Max(0, options.BodyBytes - 27)) + "\"}");
            var report = new StringBuilder();
            report.AppendLine(CultureInfo.InvariantCulture,
                $"http-floor: {options.Rate:N0} requests/s offered for {options.Duration.TotalSeconds:F0} s after {options.Warmup.TotalSeconds:F0} s of warm-up, {options.Connections} connections, {body.Length:N0}-byte requests, {answer.Length:N0}-byte answers, this process serving and sending on {Environment.ProcessorCount} cores");
            report.AppendLine("| Grain calls a request | Requests/s | Errors | CPU a request (server and client) | CPU ÷ no grain call | p50 | p99 | max |");
            report.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
            double? baseline = null;
            foreach (var calls in options.GrainCalls)
            {
                var path = $"/floor/{calls.ToString(CultureInfo.InvariantCulture)}";
                await DriveAsync(client, path, body, options.Rate, options.Warmup, null, cancellationToken);
                var latency = new LatencyHistogram();
                var before = ProcessCounters.Take();
                var (sent, errors, elapsed) = await DriveAsync(client, path, body, options.Rate, options.Duration, latency, cancellationToken);
                var after = ProcessCounters.Take();
                var cpu = (after.Cpu - before.Cpu).TotalMicroseconds / sent;
                baseline ??= calls == 0 ? cpu : null;
                report.AppendLine(CultureInfo.InvariantCulture,
                    $"| {calls} | {sent / elapsed.TotalSeconds:N0} | {errors:N0} | {cpu:F0} µs | {(baseline is { } b ? (cpu / b).ToString("F2", CultureInfo.InvariantCulture) : "—")} | " +
                    $"{latency.PercentileMicroseconds(50) / 1000.0:F1} ms | {latency.PercentileMicroseconds(99) / 1000.0:F1} ms | {latency.MaxMicroseconds / 1000.0:F1} ms |");
            }

            return report.ToString();
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// Sends <paramref name="rate"/> requests a second for <paramref name="duration"/>, each at its intended time (a late
    /// wake-up sends the overdue ones at once), and waits for every answer; latency counts from the intended time.
    /// Returns the requests sent, those that failed, and the time from the first intended start to the last answer.
    /// </summary>
    private static async Task<(long Sent, long Errors, TimeSpan Elapsed)> DriveAsync(
        HttpClient client, string path, byte[] body, int rate, TimeSpan duration, LatencyHistogram? latency, CancellationToken cancellationToken)
    {
        var count = (long)(rate * duration.TotalSeconds);
        var errors = 0L;
        var pending = new List<Task>((int)Math.Min(count, 1_000_000));
        var start = Stopwatch.GetTimestamp();
        var ticksPerArrival = (double)Stopwatch.Frequency / rate;
        for (var i = 0L; i < count; i++)
        {
            var intended = start + (long)(i * ticksPerArrival);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), intended);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait, cancellationToken);
            }

            pending.Add(SendAsync(intended));
        }

        await Task.WhenAll(pending);
        return (count, Interlocked.Read(ref errors), Stopwatch.GetElapsedTime(start));

        async Task SendAsync(long intended)
        {
            try
            {
                using var content = new ByteArrayContent(body);
                using var response = await client.PostAsync(path, content, cancellationToken);
                await response.Content.ReadAsByteArrayAsync(cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref errors);
                }
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref errors);
            }

            latency?.Record(Stopwatch.GetElapsedTime(intended));
        }
    }
}

/// <summary>What <see cref="HttpFloor"/> sends.</summary>
internal sealed record HttpFloorOptions(int Rate, TimeSpan Duration, TimeSpan Warmup, int Connections, IReadOnlyList<int> GrainCalls, int BodyBytes, int AnswerBytes);
