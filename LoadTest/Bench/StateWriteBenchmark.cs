using System.Diagnostics;
using Medisettle.Grains.Demo;
using Medisettle.LoadTest.Hosting;
using Medisettle.LoadTest.Reports;
using Medisettle.LoadTest.Targets;
using Medisettle.Storage.GroupCommit;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Medisettle.LoadTest.Bench;

/// <summary>
/// Durable settlement-shaped state writes per second on one storage, the like-for-like comparison with Orleans' own AdoNet
/// provider: a co-hosted silo with that storage as the default, <see cref="StateWriteOptions.Grains"/> bench grains
/// (<see cref="PersonStateBenchGrain"/>) seeded with one write of a real person state each, then a closed loop of
/// <see cref="StateWriteOptions.Callers"/> callers, every call one size-keeping change of one grain's state written through
/// <c>IPersistentState.WriteStateAsync</c>. Same grain, same state, same serializer on every storage; the state only, no
/// journal rows (a real settlement also appends ~5 journal rows in the same transaction, which only the group-commit
/// storage can do).
/// </summary>
public static class StateWriteBenchmark
{
    public static async Task<StateWriteReport> RunAsync(
        string name, InProcessOptions storage, PersonStateSample sample, StateWriteOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        await CoHostedSilo.PrepareStorageAsync(storage, cancellationToken);
        var builder = CoHostedSilo.CreateBuilder(storage.CollectionAge, silo =>
        {
            silo.AddLoadTestStorage(storage);
            silo.Services.AddSingleton(sample);
        });
        using var host = builder.Build();
        await host.StartAsync(cancellationToken);
        try
        {
            var factory = host.Services.GetRequiredService<IGrainFactory>();
            var grains = Enumerable.Range(0, options.Grains).Select(i => factory.GetGrain<IPersonStateBenchGrain>(DemoData.PersonId(i))).ToArray();
            var seedStarted = Stopwatch.GetTimestamp();
            await Parallel.ForEachAsync(grains, new ParallelOptions { MaxDegreeOfParallelism = options.Callers, CancellationToken = cancellationToken },
                async (grain, _) => await grain.WriteSampleAsync());
            var seedSeconds = Stopwatch.GetElapsedTime(seedStarted).TotalSeconds;
            await ClosedLoop.RunAsync(options.Callers, options.Grains, i => grains[i].SettleAsync(), options.WarmUp, cancellationToken);

            var statistics = host.Services.GetService<GroupCommitGrainStorage>()?.Statistics;
            var (transactions, writes) = (statistics?.TransactionsCommitted ?? 0, statistics?.WritesCommitted ?? 0);
            var result = await ClosedLoop.RunAsync(options.Callers, options.Grains, i => grains[i].SettleAsync(), options.Duration, cancellationToken);
            var perTransaction = statistics is null
                ? 1
                : (double)(statistics.WritesCommitted - writes) / Math.Max(1, statistics.TransactionsCommitted - transactions);
            var report = new StateWriteReport
            {
                Name = name,
                Storage = storage.DescribeStorage(),
                StateBytes = sample.JsonBytes,
                Grains = options.Grains,
                Callers = options.Callers,
                SeedSeconds = Math.Round(seedSeconds, 2),
                Writes = result.Completed,
                Failed = result.Failed,
                ElapsedSeconds = Math.Round(result.Elapsed.TotalSeconds, 3),
                WritesPerSecond = Math.Round(result.PerSecond, 1),
                WritesPerTransaction = Math.Round(perTransaction, 1),
                FirstError = result.FirstError,
            };
            await log.WriteLineAsync(FormattableString.Invariant(
                $"{name}: {report.WritesPerSecond:N0} durable state writes/s ({report.Writes:N0} in {report.ElapsedSeconds:F1} s, {report.WritesPerTransaction:F1} writes per transaction, {report.Failed} failed; seeding {report.Grains:N0} grains took {report.SeedSeconds:F1} s)"));
            return report;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
            SqliteConnection.ClearAllPools();
            NpgsqlConnection.ClearAllPools();
        }
    }
}
