using System.CommandLine;
using Medisettle.LoadTest.Bench;

namespace Medisettle.LoadTest.Cli;

/// <summary>
/// <c>runtime</c>: the runtime alone (issue 3's benchmark) — in-process grain calls/s, and durable state writes/s
/// with group commit vs one transaction per write on SQLite and on PostgreSQL, in one run.
/// </summary>
public static class RuntimeBenchmarkCommand
{
    public static Command Create()
    {
        var seconds = new Option<double>("--seconds") { Description = "Duration of each measurement", DefaultValueFactory = _ => 4 };
        var concurrency = new Option<int>("--concurrency") { Description = "Concurrent callers (one grain each)", DefaultValueFactory = _ => 256 };
        var skipPostgres = new Option<bool>("--skip-postgres") { Description = "Do not start PostgreSQL" };
        var command = new Command("runtime", "Runtime benchmark: grain calls/s and durable writes/s, group commit vs one transaction per write")
        {
            seconds,
            concurrency,
            skipPostgres,
        };
        command.SetAction((result, cancellationToken) => RuntimeBenchmark.RunAsync(
            TimeSpan.FromSeconds(result.GetValue(seconds)), result.GetValue(concurrency), result.GetValue(skipPostgres), cancellationToken));
        return command;
    }
}
