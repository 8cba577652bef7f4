using System.CommandLine;
using Medisettle.LoadTest.Bench;

namespace Medisettle.LoadTest.Cli;

/// <summary>
/// <c>stream-reads</c>: the time of a person's journal stream reads (its activation's replay) on a copy of a stopped
/// silo's SQLite file, against fetching the same entries by key (<see cref="StreamReadBenchmark"/>).
/// docs/benchmarks.md, "Issue 12, twenty-first sitting".
/// </summary>
internal static class StreamReadsCommand
{
    public static Command Create()
    {
        var database = new Option<string>("--db") { Description = "A stopped silo's SQLite file (data/silo.db); read on a copy, never changed", Required = true };
        var streams = new Option<int>("--streams") { Description = "Person streams to read (spread over the file)", DefaultValueFactory = _ => 2_000 };
        var rounds = new Option<int>("--rounds") { Description = "Times each stream is read", DefaultValueFactory = _ => 3 };
        var command = new Command("stream-reads", "Times a person's journal stream reads (an activation's replay) on a copy of a stopped silo's SQLite file, against reading the same entries by key.");
        command.Options.Add(database);
        command.Options.Add(streams);
        command.Options.Add(rounds);
        command.SetAction(async (result, cancellationToken) =>
        {
            var path = result.GetValue(database)!;
            var (count, times) = (result.GetValue(streams), result.GetValue(rounds));
            if (!File.Exists(path) || count is < 1 or > 1_000_000 || times is < 1 or > 100)
            {
                await Console.Error.WriteLineAsync("stream-reads: --db must be an existing SQLite file, --streams 1 to 1,000,000, --rounds 1 to 100.");
                return 2;
            }

            try
            {
                Console.Write(await StreamReadBenchmark.RunAsync(path, count, times, cancellationToken));
                return 0;
            }
            catch (Exception exception) when (exception is InvalidOperationException or Microsoft.Data.Sqlite.SqliteException or IOException)
            {
                await Console.Error.WriteLineAsync($"stream-reads: {exception.Message}");
                return 1;
            }
        });
        return command;
    }
}
