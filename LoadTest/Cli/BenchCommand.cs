using System.CommandLine;
using System.Globalization;
using Medisettle.Grains.PolicyPacks;
using Medisettle.LoadTest.Bench;
using Medisettle.LoadTest.Hosting;
using Medisettle.LoadTest.Reports;
using Medisettle.LoadTest.Running;
using Medisettle.LoadTest.Targets;

namespace Medisettle.LoadTest.Cli;

/// <summary>
/// <c>bench</c>, in one process and one run: (1) the full settlement path (open-loop swipes through the person grains, real
/// engine, journal entries, posting dispatcher, end-of-run audit), each storage seeded with the same demo data and driven by
/// the same seeded workload, on the group-commit storage on SQLite and on PostgreSQL and on the baseline an Orleans user
/// would deploy with Orleans' own AdoNet provider on PostgreSQL (journal appends in a transaction of their own: not
/// atomic), with the ratios; (2) the storage-only comparison: one bench grain writing a person-sized state on the same
/// three storages, with its ratios.
/// </summary>
internal static class BenchCommand
{
    /// <summary>What the baseline's settlement write is (the report's <see cref="BenchReport.AdoNetDescription"/>).</summary>
    public const string AdoNetDescription =
        "every grain's state in Orleans' AdoNet grain storage (Microsoft.Orleans.Persistence.AdoNet, invariant Npgsql, the same System.Text.Json state serializer), " +
        "one transaction per state write; [JournaledState] writes (the person grain's settlements and cancels) append their journal entries first, in a transaction " +
        "of their own (plain INSERTs into the journal table on the same database and connection string), then write the state: two commits per settlement " +
        "instead of one, and NOT atomic (a state write that fails after its journal commit leaves journal entries the state does not reflect; the group-commit " +
        "storage commits both or neither). A weaker guarantee than the group-commit storage's, so a generous baseline. The journal is read through the group-commit " +
        "storage's IJournal on the same database (posting dispatcher, receipts, audit).";

    public static Command Create()
    {
        var common = new CommonOptions();
        var storage = StorageOptionsSet.Create();
        var writeSeconds = new Option<double>("--write-seconds") { Description = "Measured seconds of each state-write run", DefaultValueFactory = _ => 10 };
        var writeCallers = new Option<int>("--write-callers") { Description = "Closed-loop callers of each state-write run", DefaultValueFactory = _ => 256 };
        var writeGrains = new Option<int>("--write-grains") { Description = "Bench grains (persons) of each state-write run", DefaultValueFactory = _ => 10_000 };
        var command = new Command("bench",
            "In one run: durable settlements/s on the full settlement path with group commit on SQLite and PostgreSQL and with Orleans' AdoNet provider on PostgreSQL (the baseline), and durable person-state writes/s on the same three, with the ratios.");
        common.AddTo(command);
        storage.AddTo(command, storageChoice: false);
        command.Options.Add(writeSeconds);
        command.Options.Add(writeCallers);
        command.Options.Add(writeGrains);
        command.SetAction((result, cancellationToken) => RunAsync(result, common, storage, new StateWriteOptions
        {
            Duration = TimeSpan.FromSeconds(result.GetValue(writeSeconds)),
            Callers = result.GetValue(writeCallers),
            Grains = result.GetValue(writeGrains),
        }, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult result, CommonOptions common, StorageOptionsSet storage, StateWriteOptions writes, CancellationToken cancellationToken)
    {
        var log = Console.Out;
        var output = result.GetValue(common.Output)!;
        await using var postgres = await storage.StartPostgresAsync(result, cancellationToken, always: true);
        var sqlite = storage.ToInProcessOptions(result, common);
        CoHostedSilo.CapWorkerThreads(sqlite.WorkerThreadsMax);

        var settlements = new List<RunReport>();
        foreach (var (kind, database) in new[] { (StorageKind.Sqlite, ""), (StorageKind.Postgres, "bench_settle"), (StorageKind.AdoNetPostgres, "bench_settle_adonet") })
        {
            var options = kind == StorageKind.Sqlite
                ? sqlite
                : sqlite with { Storage = kind, ConnectionString = await storage.CreateDatabaseAsync(result, postgres, database, cancellationToken) };
            await using (var target = await InProcessTarget.StartAsync(options, log, cancellationToken))
            {
                var name = $"bench-settle-{options.Storage}".ToLowerInvariant();
                settlements.Add(await RunSession.RunAsync(name, target, RunSession.Population(options.PersonCount, options.InstitutionCount),
                    common.Schedule(result), result.GetValue(common.Rate), common.RunOptions(result), log, cancellationToken));
            }

            await ReportFiles.WriteAsync(settlements[^1], output, cancellationToken);
        }

        var sample = PersonStateSample.Create(PolicyPackLoader.DefaultDirectory);
        var stateWrites = new List<StateWriteReport>
        {
            await StateWriteBenchmark.RunAsync("sqlite-group-commit", sqlite with { DatabasePath = Path.ChangeExtension(sqlite.DatabasePath, ".state-writes.db") },
                sample, writes, log, cancellationToken),
            await StateWriteBenchmark.RunAsync("postgres-group-commit", sqlite with
            {
                Storage = StorageKind.Postgres,
                ConnectionString = await storage.CreateDatabaseAsync(result, postgres, "bench_state_group_commit", cancellationToken),
            }, sample, writes, log, cancellationToken),
            await StateWriteBenchmark.RunAsync("postgres-adonet", sqlite with
            {
                Storage = StorageKind.AdoNetPostgres,
                ConnectionString = await storage.CreateDatabaseAsync(result, postgres, "bench_state_adonet", cancellationToken),
            }, sample, writes, log, cancellationToken),
        };
        var bench = new BenchReport
        {
            SqliteGroupCommit = settlements[0],
            PostgresGroupCommit = settlements[1],
            AdoNetPostgres = settlements[2],
            AdoNetDescription = AdoNetDescription,
            SettlementRatios = BenchRatios.Of(settlements[0].DurableSettlementsPerSecond, settlements[1].DurableSettlementsPerSecond, settlements[2].DurableSettlementsPerSecond),
            StateWriteDescription = string.Create(CultureInfo.InvariantCulture,
                $"one write = the bench grain's PersonState, {sample.JsonBytes:N0} bytes of JSON (demo person {sample.PersonId} after {PersonStateSample.SettlementCount} settlements computed by the real engine), through IPersistentState.WriteStateAsync; the state only, no journal rows; same grain and System.Text.Json serializer on every storage"),
            StateWrites = stateWrites,
            StateWriteRatios = BenchRatios.Of(stateWrites[0].WritesPerSecond, stateWrites[1].WritesPerSecond, stateWrites[2].WritesPerSecond),
        };
        Directory.CreateDirectory(output);
        var path = Path.Combine(output, "bench");
        var markdown = BenchMarkdown.Render(bench);
        await File.WriteAllTextAsync(path + ".json", ReportFiles.ToJson(bench), cancellationToken);
        await File.WriteAllTextAsync(path + ".md", markdown, cancellationToken);
        foreach (var report in settlements)
        {
            await log.WriteLineAsync(MarkdownReport.Render(report));
        }

        await log.WriteLineAsync(markdown);
        await log.WriteLineAsync($"report: {path}.json, .md");
        return settlements.All(r => r.Audit is { Passed: true }) && stateWrites.All(w => w.Failed == 0) ? 0 : 1;
    }
}
