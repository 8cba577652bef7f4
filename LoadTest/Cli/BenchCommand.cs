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
/// <c>bench</c>, in one process and one run: (1) the full settlement path (open-loop swipes through the person grains,
/// real engine, settlement and journal entries in one transaction, end-of-run audit) on the group-commit storage on SQLite
/// and on PostgreSQL, each seeded with the same demo data; (2) the like-for-like storage comparison with Orleans' own AdoNet
/// provider, which cannot hold the person grains' journaled state: the same bench grain writing the same person-sized state
/// on SQLite group commit, PostgreSQL group commit and AdoNet PostgreSQL, with the ratios.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var storage = StorageOptionsSet.Create();
        var writeSeconds = new Option<double>("--write-seconds") { Description = "Measured seconds of each state-write run", DefaultValueFactory = _ => 10 };
        var writeCallers = new Option<int>("--write-callers") { Description = "Closed-loop callers of each state-write run", DefaultValueFactory = _ => 256 };
        var writeGrains = new Option<int>("--write-grains") { Description = "Bench grains (persons) of each state-write run", DefaultValueFactory = _ => 10_000 };
        var command = new Command("bench",
            "In one run: durable settlements/s with group commit on SQLite and PostgreSQL, and durable person-state writes/s on both and on Orleans' AdoNet provider (the baseline), with the ratios.");
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
        foreach (var options in new[] { sqlite, sqlite with { Storage = StorageKind.Postgres, ConnectionString = await storage.CreateDatabaseAsync(result, postgres, "bench_settle", cancellationToken) } })
        {
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
        var adoNet = Math.Max(stateWrites[2].WritesPerSecond, 1e-9);
        var bench = new BenchReport
        {
            SqliteGroupCommit = settlements[0],
            PostgresGroupCommit = settlements[1],
            StateWriteDescription = string.Create(CultureInfo.InvariantCulture,
                $"one write = the bench grain's PersonState, {sample.JsonBytes:N0} bytes of JSON (demo person {sample.PersonId} after {PersonStateSample.SettlementCount} settlements computed by the real engine), through IPersistentState.WriteStateAsync; the state only, no journal rows; same grain and System.Text.Json serializer on every storage"),
            StateWrites = stateWrites,
            PostgresGroupCommitOverAdoNet = Math.Round(stateWrites[1].WritesPerSecond / adoNet, 2),
            SqliteGroupCommitOverAdoNet = Math.Round(stateWrites[0].WritesPerSecond / adoNet, 2),
        };
        var path = Path.Combine(output, "bench.json");
        await File.WriteAllTextAsync(path, ReportFiles.ToJson(bench), cancellationToken);
        foreach (var report in settlements)
        {
            await log.WriteLineAsync(MarkdownReport.Render(report));
        }

        await log.WriteLineAsync(Summary(bench, writes) + $"({path})");
        return settlements.All(r => r.Audit is { Passed: true }) && stateWrites.All(w => w.Failed == 0) ? 0 : 1;
    }

    internal static string Summary(BenchReport bench, StateWriteOptions writes)
    {
        ArgumentNullException.ThrowIfNull(bench);
        ArgumentNullException.ThrowIfNull(writes);
        static string Outcome(RunReport report) =>
            $"{(report.Audit is { Passed: true } ? "audit passed" : "AUDIT FAILED")}, {report.Errors:N0} errors of {report.Offered:N0} offered, " +
            $"{report.ByStatus.GetValueOrDefault(nameof(SwipeStatus.Dropped)):N0} of them dropped at the in-flight bound";
        var lines = new List<string>
        {
            "Settlement path (open loop; person grains, real engine, settlement + journal entries in one transaction; same demo data on both):",
            $"  SQLite group commit       {bench.SqliteGroupCommit.DurableSettlementsPerSecond,10:N0} durable settlements/s ({Outcome(bench.SqliteGroupCommit)})",
            $"  PostgreSQL group commit   {bench.PostgresGroupCommit.DurableSettlementsPerSecond,10:N0} durable settlements/s ({Outcome(bench.PostgresGroupCommit)})",
            $"State writes (closed loop, {writes.Callers} callers over {writes.Grains:N0} grains; {bench.StateWriteDescription}):",
        };
        foreach (var write in bench.StateWrites)
        {
            lines.Add($"  {write.Name,-25} {write.WritesPerSecond,10:N0} durable writes/s ({write.WritesPerTransaction:F1} writes per transaction, {write.Failed} failed)");
        }

        lines.Add($"  ratio PostgreSQL group commit / AdoNet PostgreSQL: {bench.PostgresGroupCommitOverAdoNet:F2}×");
        lines.Add($"  ratio SQLite group commit / AdoNet PostgreSQL:     {bench.SqliteGroupCommitOverAdoNet:F2}×");
        return string.Join(Environment.NewLine, lines) + Environment.NewLine;
    }
}
