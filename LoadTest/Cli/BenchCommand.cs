using System.CommandLine;
using System.Globalization;
using Medisettle.LoadTest.Reports;
using Medisettle.LoadTest.Running;
using Medisettle.LoadTest.Targets;
using Npgsql;

namespace Medisettle.LoadTest.Cli;

/// <summary>
/// <c>bench</c>: benchmark 1 (and 3): the same in-process run with group commit and without (one transaction per
/// write), on the same seeded data, one after the other in one process; prints and records the ratio.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var storage = StorageOptionsSet.Create();
        var command = new Command("bench", "In-process durable settlements/s with group commit vs one transaction per settlement, in one run.");
        common.AddTo(command);
        storage.AddTo(command);
        command.SetAction((result, cancellationToken) => RunAsync(result, common, storage, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult result, CommonOptions common, StorageOptionsSet storage, CancellationToken cancellationToken)
    {
        var log = Console.Out;
        await using var postgres = await storage.StartPostgresAsync(result, cancellationToken);
        var baseOptions = await storage.InProcessOptionsAsync(result, common, postgres, "seed", cancellationToken);
        var template = await SeedTemplateAsync(baseOptions, log, cancellationToken);
        var population = RunSession.Population(baseOptions.PersonCount, baseOptions.InstitutionCount);
        var rate = result.GetValue(common.Rate);
        var reports = new List<RunReport>();
        foreach (var groupCommit in new[] { true, false })
        {
            var label = groupCommit ? "group-commit" : "baseline";
            var options = await FromTemplateAsync(baseOptions with { GroupCommitEnabled = groupCommit }, template, label, cancellationToken);
            await using (var target = await InProcessTarget.StartAsync(options, log, cancellationToken))
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"bench-{baseOptions.Storage}-{label}").ToLowerInvariant();
                reports.Add(await RunSession.RunAsync(name, target, population, common.Schedule(result), rate, common.RunOptions(result) with { InFlightMax = result.GetValue(common.InFlightMax) }, log, cancellationToken));
            }

            await ReportFiles.WriteAsync(reports[^1], result.GetValue(common.Output)!, cancellationToken);
        }

        var bench = new BenchReport
        {
            Storage = baseOptions.Storage.ToString(),
            GroupCommit = reports[0],
            Baseline = reports[1],
            Ratio = Math.Round(reports[0].DurableSettlementsPerSecond / Math.Max(reports[1].DurableSettlementsPerSecond, 1e-9), 1),
        };
        var path = Path.Combine(result.GetValue(common.Output)!, $"bench-{baseOptions.Storage}.json".ToLowerInvariant());
        await File.WriteAllTextAsync(path, ReportFiles.ToJson(bench), cancellationToken);
        foreach (var report in reports)
        {
            await log.WriteLineAsync(MarkdownReport.Render(report));
        }

        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{bench.Storage}: group commit {bench.GroupCommit.DurableSettlementsPerSecond:N0} durable settlements/s, baseline {bench.Baseline.DurableSettlementsPerSecond:N0}/s, ratio {bench.Ratio:N1}× ({path})"));
        return reports.All(r => r.Audit is { Passed: true }) ? 0 : 1;
    }

    /// <summary>Seeds the demo data once (group commit on); each measured run starts from a copy.</summary>
    private static async Task<string> SeedTemplateAsync(InProcessOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        if (options.Storage == StorageKind.Sqlite)
        {
            var template = Path.ChangeExtension(options.DatabasePath, ".template.db");
            await InProcessTarget.CreateSqliteTemplateAsync(options with { DatabasePath = template }, log, cancellationToken);
            return template;
        }

        await InProcessTarget.CreateSqliteTemplateAsync(options, log, cancellationToken); // seeds the "seed" database
        return new NpgsqlConnectionStringBuilder(options.ConnectionString).Database!;
    }

    private static async Task<InProcessOptions> FromTemplateAsync(InProcessOptions options, string template, string label, CancellationToken cancellationToken)
    {
        if (options.Storage == StorageKind.Sqlite)
        {
            return options with { SeedTemplatePath = template };
        }

        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString) { Database = "postgres", Pooling = false };
        var database = "run_" + label.Replace('-', '_');
        await using (var connection = new NpgsqlConnection(builder.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS {database}; CREATE DATABASE {database} TEMPLATE {template};";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        NpgsqlConnection.ClearAllPools();
        builder.Database = database;
        builder.Pooling = true;
        return options with { ConnectionString = builder.ConnectionString, AlreadySeeded = true };
    }
}
