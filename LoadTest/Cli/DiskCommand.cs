using System.CommandLine;
using Medisettle.LoadTest.Disk;

namespace Medisettle.LoadTest.Cli;

/// <summary>
/// <c>disk</c>: the bytes a stopped silo's SQLite file takes per durable settlement (issue 12's target), with its journal
/// rows and grain states by kind (<see cref="DiskUsage"/>); with <c>--since</c>, also what the file grew by per durable
/// settlement since an earlier copy of it; with <c>--pg</c>, the same of a cluster's PostgreSQL database.
/// docs/benchmarks.md, "Bytes on disk per settlement".
/// </summary>
internal static class DiskCommand
{
    public static Command Create()
    {
        var database = new Option<string?>("--db") { Description = "A stopped silo's SQLite file (data/silo.db; opened read-only)" };
        var postgres = new Option<string?>("--pg")
        {
            Description = "Instead of --db: a cluster's PostgreSQL connection string (its journal and grain_state tables, read in a read-only transaction)",
        };
        var since = new Option<string?>("--since")
        {
            Description = "A copy of the same file taken at an earlier stop: also print the bytes it grew by per durable settlement made since",
        };
        var command = new Command("disk", "Bytes on disk per durable settlement of a stopped silo's SQLite file, with its journal rows and grain states by kind.");
        command.Options.Add(database);
        command.Options.Add(postgres);
        command.Options.Add(since);
        command.SetAction(async (result, cancellationToken) =>
        {
            var path = result.GetValue(database);
            var connectionString = result.GetValue(postgres);
            var earlierPath = result.GetValue(since);
            if ((path is null) == (connectionString is null) || (connectionString is not null && earlierPath is not null))
            {
                await Console.Error.WriteLineAsync("disk: give either --db DATA_DIR/silo.db (with --since A_COPY_OF_IT if wanted) or --pg CONNECTION_STRING.");
                return 2;
            }

            if (connectionString is not null)
            {
                string databaseName;
                try
                {
                    databaseName = new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Database ?? "(the user's default database)";
                }
                catch (ArgumentException exception)
                {
                    await Console.Error.WriteLineAsync($"disk: --pg is not a valid connection string ({exception.Message}).");
                    return 2;
                }

                try
                {
                    Console.Write((await DiskUsage.ReadPostgresAsync(connectionString, cancellationToken)).Describe($"PostgreSQL database {databaseName}"));
                    return 0;
                }
                catch (Npgsql.NpgsqlException exception)
                {
                    await Console.Error.WriteLineAsync($"disk: PostgreSQL database {databaseName} could not be read: {exception.Message}");
                    return 1;
                }
            }

            foreach (var file in new[] { path, earlierPath })
            {
                if (file is not null && !File.Exists(file))
                {
                    await Console.Error.WriteLineAsync($"disk: {file} is not a file; give a stopped silo's SQLite file (--db DATA_DIR/silo.db, --since A_COPY_OF_IT).");
                    return 2;
                }
            }

            var usage = await DiskUsage.ReadAsync(path!, cancellationToken);
            if (earlierPath is not null)
            {
                // First, so that a script's "head" keeps it with the totals.
                Console.WriteLine(usage.DescribeGrowthSince(await DiskUsage.ReadAsync(earlierPath, cancellationToken), earlierPath));
            }

            Console.Write(usage.Describe(path!));
            return 0;
        });
        return command;
    }
}
