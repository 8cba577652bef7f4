using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Medisettle.LoadTest.Targets;
using Medisettle.Runtime;
using Medisettle.Runtime.Hosting;
using Medisettle.Runtime.Journal;
using Medisettle.Runtime.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Medisettle.LoadTest.Cli;

/// <summary>
/// <c>runtime</c>: the storage alone — settlement-shaped writes (a person state row plus journal rows of the sizes a
/// settlement writes) straight into <see cref="IGrainStorage"/> from many concurrent writers, no grains, no engine.
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
        var command = new Command("storage", "Storage-only ceiling: settlement-shaped durable writes/s (no grains, no engine).");
        command.Options.Add(writes);
        command.Options.Add(concurrency);
        command.Options.Add(rows);
        storage.AddTo(command);
        command.SetAction((result, cancellationToken) => RunAsync(result, storage, result.GetValue(writes), result.GetValue(concurrency), result.GetValue(rows), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult result, StorageOptionsSet set, int writes, int concurrency, int journalRows, CancellationToken cancellationToken)
    {
        await using var postgres = await set.StartPostgresAsync(result, cancellationToken);
        var options = await set.InProcessOptionsAsync(result, new CommonOptions(), postgres, "runtime", cancellationToken);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        var silo = builder.Services.AddSilo();
        if (options.Storage == StorageKind.Postgres)
        {
            silo.UsePostgresStorage(o => { o.ConnectionString = options.ConnectionString!; o.GroupCommitEnabled = options.GroupCommitEnabled; o.GroupCommitWindow = options.GroupCommitWindow; o.GroupCommitBatchMax = options.GroupCommitBatchMax; });
        }
        else
        {
            File.Delete(options.DatabasePath);
            silo.UseSqliteStorage(o => { o.DatabasePath = options.DatabasePath; o.Synchronous = options.SqliteSynchronous; o.GroupCommitEnabled = options.GroupCommitEnabled; o.GroupCommitWindow = options.GroupCommitWindow; o.GroupCommitBatchMax = options.GroupCommitBatchMax; });
        }

        using var host = builder.Build();
        await host.StartAsync(cancellationToken);
        var storage = host.Services.GetRequiredService<IGrainStorage>();
        var versions = new long[concurrency];
        var state = new string('s', 1_200);
        var record = new string('r', 2_100);
        var small = new string('p', 380);
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(Enumerable.Range(0, concurrency), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (writer, _) =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < writes)
            {
                var appends = new List<JournalAppend>(journalRows) { new($"person:{writer}", $"setl:{i}", record) };
                for (var r = 1; r < journalRows; r++)
                {
                    appends.Add(new JournalAppend($"post:fund{r}", $"post:{i}:{r}", small));
                }

                var write = new GrainStateWrite(new GrainId("BenchGrain", writer.ToString(CultureInfo.InvariantCulture)), "s", writer % 1024, versions[writer], state, appends);
                versions[writer] = await storage.WriteAsync(write, CancellationToken.None);
            }
        });
        var elapsed = Stopwatch.GetElapsedTime(started);
        var stats = storage.Statistics;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{options.Describe()}: {writes:N0} writes (1 state row + {journalRows} journal rows each) in {elapsed.TotalSeconds:F1} s = {writes / elapsed.TotalSeconds:N0} writes/s; " +
            $"{stats.TransactionsCommitted:N0} transactions, {(double)stats.WritesCommitted / Math.Max(1, stats.TransactionsCommitted):F1} writes each, {stats.CommitTime.TotalMilliseconds / Math.Max(1, stats.TransactionsCommitted):F2} ms each"));
        await host.StopAsync(CancellationToken.None);
        SqliteConnection.ClearAllPools();
        return 0;
    }
}
