using System.Diagnostics;
using System.Globalization;
using Medisettle.Runtime;
using Medisettle.Runtime.Hosting;
using Medisettle.Runtime.Storage;
using Medisettle.Runtime.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Medisettle.LoadTest.Bench;

/// <summary>
/// Measures, in one run: in-process grain calls/s; durable state writes/s with group commit versus one
/// transaction per write, on SQLite (synchronous=FULL) and on a local PostgreSQL 15 (fsync on).
/// Closed loop: <c>concurrency</c> workers, each calling its own grain as fast as it answers.
/// </summary>
public static class RuntimeBenchmark
{
    public static async Task<int> RunAsync(TimeSpan duration, int concurrency, bool skipPostgres, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"medisettle-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        try
        {
            Console.WriteLine($"runtime benchmark: {duration.TotalSeconds:0.#} s per measurement, {concurrency} concurrent callers, {Environment.ProcessorCount} cores");
            var calls = await MeasureAsync(silo => silo.UseSqliteStorage(o => o.DatabasePath = Path.Combine(directory, "calls.db")), concurrency, duration, ping: true, cancellationToken);
            Console.WriteLine($"in-process grain calls:          {calls.PerSecond,12:N0} calls/s");

            var sqliteGroup = await MeasureAsync(silo => silo.UseSqliteStorage(o => o.DatabasePath = Path.Combine(directory, "group.db")), concurrency, duration, ping: false, cancellationToken);
            var sqliteSingle = await MeasureAsync(silo => silo.UseSqliteStorage(o => { o.DatabasePath = Path.Combine(directory, "single.db"); o.GroupCommitEnabled = false; }), concurrency, duration, ping: false, cancellationToken);
            Report("sqlite (synchronous=FULL)", sqliteGroup, sqliteSingle);

            if (skipPostgres)
            {
                return 0;
            }

            await using var postgres = await LocalPostgresServer.StartAsync(new LocalPostgresOptions { Durable = true }, cancellationToken);
            var groupDb = await postgres.CreateDatabaseAsync("bench_group", cancellationToken);
            var singleDb = await postgres.CreateDatabaseAsync("bench_single", cancellationToken);
            var pgGroup = await MeasureAsync(silo => silo.UsePostgresStorage(o => o.ConnectionString = groupDb), concurrency, duration, ping: false, cancellationToken);
            var pgSingle = await MeasureAsync(silo => silo.UsePostgresStorage(o => { o.ConnectionString = singleDb; o.GroupCommitEnabled = false; }), concurrency, duration, ping: false, cancellationToken);
            Report("postgres 15 (fsync=on)", pgGroup, pgSingle);
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void Report(string storage, Measurement group, Measurement single)
    {
        Console.WriteLine($"{storage} writes, group commit:  {group.PerSecond,12:N0} writes/s  ({group.WritesPerTransaction:0.0} writes per transaction)");
        Console.WriteLine($"{storage} writes, 1 tx per write:{single.PerSecond,12:N0} writes/s");
        Console.WriteLine($"{storage} group commit ratio:    {(group.PerSecond / single.PerSecond).ToString("0.0", CultureInfo.InvariantCulture)}x");
    }

    private static async Task<Measurement> MeasureAsync(Action<ISiloBuilder> storage, int concurrency, TimeSpan duration, bool ping, CancellationToken cancellationToken)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddLogging();
        var silo = builder.Services.AddSilo(o => o.MailboxCapacityMax = 10_000);
        storage(silo);
        silo.AddGrain<IBenchGrain, BenchGrain>();
        using var host = builder.Build();
        await host.StartAsync(cancellationToken);
        try
        {
            var client = host.Services.GetRequiredService<IClusterClient>();
            var grains = Enumerable.Range(0, concurrency).Select(i => client.GetGrain<IBenchGrain>($"bench-{i}")).ToArray();
            Func<IBenchGrain, Task> operation = ping ? g => g.PingAsync(1) : g => g.WriteAsync();
            await RunLoopAsync(grains, operation, TimeSpan.FromMilliseconds(500)); // warm-up: activations, JIT, connections
            var statistics = host.Services.GetRequiredService<IGrainStorage>().Statistics;
            var (writes, transactions) = (statistics.WritesCommitted, statistics.TransactionsCommitted);
            var perSecond = await RunLoopAsync(grains, operation, duration);
            var writesPerTransaction = (double)(statistics.WritesCommitted - writes) / Math.Max(1, statistics.TransactionsCommitted - transactions);
            return new Measurement(perSecond, writesPerTransaction);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<double> RunLoopAsync(IBenchGrain[] grains, Func<IBenchGrain, Task> operation, TimeSpan duration)
    {
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long completed = 0;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(grains.Select(grain => Task.Run(async () =>
        {
            long count = 0;
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                await operation(grain);
                count++;
            }

            Interlocked.Add(ref completed, count);
        })));
        return completed / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private readonly record struct Measurement(double PerSecond, double WritesPerTransaction);
}
