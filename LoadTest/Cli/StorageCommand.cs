using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Medisettle.LoadTest.Hosting;
using Medisettle.LoadTest.Targets;
using Medisettle.Storage.GroupCommit;
using Medisettle.Storage.Journal;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Medisettle.LoadTest.Cli;

/// <summary>
/// <c>storage</c>: the group-commit storage alone — settlement-shaped writes (a person state row plus journal rows of the
/// sizes a settlement writes) straight into <see cref="GroupCommitGrainStorage"/> through its public
/// <c>WriteStateAsync(stateName, grainId, grainState, appends)</c>, from many concurrent writers; no grains, no engine.
/// The ceiling the settlement path can reach on this storage.
/// </summary>
internal static class StorageCommand
{
    public static Command Create()
    {
        var writes = new Option<int>("--writes") { Description = "Settlement-shaped writes", DefaultValueFactory = _ => 100_000 };
        var concurrency = new Option<int>("--concurrency") { Description = "Writers in flight", DefaultValueFactory = _ => 2_000 };
        var rows = new Option<int>("--journal-rows") { Description = "Journal rows per write", DefaultValueFactory = _ => 5 };
        var storage = StorageOptionsSet.Create();
        var command = new Command("storage", "Storage-only ceiling of the group-commit storage: settlement-shaped durable writes/s (no grains, no engine).");
        command.Options.Add(writes);
        command.Options.Add(concurrency);
        command.Options.Add(rows);
        storage.AddTo(command);
        command.SetAction((result, cancellationToken) => RunAsync(result, storage, result.GetValue(writes), result.GetValue(concurrency), result.GetValue(rows), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult result, StorageOptionsSet set, int writes, int concurrency, int journalRows, CancellationToken cancellationToken)
    {
        if (result.GetValue(set.Storage) == StorageKind.AdoNetPostgres)
        {
            await Console.Error.WriteLineAsync("storage: --storage AdoNetPostgres has no journal to append to; this command measures the group-commit storage (Sqlite or Postgres). 'bench' compares with the AdoNet provider.");
            return 2;
        }

        await using var postgres = await set.StartPostgresAsync(result, cancellationToken);
        var options = await set.InProcessOptionsAsync(result, new CommonOptions(), postgres, "storage", cancellationToken);
        await CoHostedSilo.PrepareStorageAsync(options, cancellationToken);
        using var host = CoHostedSilo.CreateBuilder(options.CollectionAge, silo => silo.AddLoadTestStorage(options)).Build();
        await host.StartAsync(cancellationToken);
        var storage = host.Services.GetRequiredService<GroupCommitGrainStorage>();
        var states = Enumerable.Range(0, concurrency).Select(_ => new GrainState<string>(new string('s', 1_200))).ToArray();
        var record = new string('r', 2_100);
        var small = new string('p', 380);
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(Enumerable.Range(0, concurrency), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (writer, _) =>
        {
            var grainId = GrainId.Create("storagebench", writer.ToString(CultureInfo.InvariantCulture));
            int i;
            while ((i = Interlocked.Increment(ref next)) < writes)
            {
                var appends = new List<JournalAppend>(journalRows) { new($"person:{writer}", $"setl:{i}", record) };
                for (var r = 1; r < journalRows; r++)
                {
                    appends.Add(new JournalAppend($"post:fund{r}", $"post:{i}:{r}", small));
                }

                await storage.WriteStateAsync("s", grainId, states[writer], appends, CancellationToken.None);
            }
        });
        var elapsed = Stopwatch.GetElapsedTime(started);
        var stats = storage.Statistics;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{options.DescribeStorage()}: {writes:N0} writes (1 state row + {journalRows} journal rows each) in {elapsed.TotalSeconds:F1} s = {writes / elapsed.TotalSeconds:N0} writes/s; " +
            $"{stats.TransactionsCommitted:N0} transactions, {(double)stats.WritesCommitted / Math.Max(1, stats.TransactionsCommitted):F1} writes each, {stats.CommitTime.TotalMilliseconds / Math.Max(1, stats.TransactionsCommitted):F2} ms each"));
        await host.StopAsync(CancellationToken.None);
        SqliteConnection.ClearAllPools();
        return 0;
    }
}
