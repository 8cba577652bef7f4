using System.CommandLine;
using Medisettle.LoadTest.Disk;

namespace Medisettle.LoadTest.Cli;

/// <summary>
/// <c>disk</c>: the bytes a stopped silo's SQLite file takes per durable settlement (issue 12's target), with its journal
/// rows and grain states by kind (<see cref="DiskUsage"/>). docs/benchmarks.md, "Bytes on disk per settlement".
/// </summary>
internal static class DiskCommand
{
    public static Command Create()
    {
        var database = new Option<string>("--db") { Description = "A stopped silo's SQLite file (data/silo.db; opened read-only)", Required = true };
        var command = new Command("disk", "Bytes on disk per durable settlement of a stopped silo's SQLite file, with its journal rows and grain states by kind.");
        command.Options.Add(database);
        command.SetAction(async (result, cancellationToken) =>
        {
            var path = result.GetValue(database)!;
            if (!File.Exists(path))
            {
                await Console.Error.WriteLineAsync($"disk: {path} is not a file; give a stopped silo's SQLite file (--db DATA_DIR/silo.db).");
                return 2;
            }

            var usage = await DiskUsage.ReadAsync(path, cancellationToken);
            Console.Write(usage.Describe(path));
            return 0;
        });
        return command;
    }
}
