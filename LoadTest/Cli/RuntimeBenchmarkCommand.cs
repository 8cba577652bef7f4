using System.CommandLine;
using Medisettle.LoadTest.Bench;

namespace Medisettle.LoadTest.Cli;

/// <summary><c>runtime</c>: Orleans alone — in-process grain calls/s through a co-hosted silo, no storage.</summary>
public static class RuntimeBenchmarkCommand
{
    public static Command Create()
    {
        var seconds = new Option<double>("--seconds") { Description = "Duration of the measurement", DefaultValueFactory = _ => 10 };
        var concurrency = new Option<int>("--concurrency") { Description = "Concurrent callers", DefaultValueFactory = _ => 256 };
        var grains = new Option<int>("--grains") { Description = "Grains called (at least --concurrency)", DefaultValueFactory = _ => 10_000 };
        var command = new Command("runtime", "Orleans benchmark: in-process grain calls/s without storage")
        {
            seconds,
            concurrency,
            grains,
        };
        command.SetAction((result, cancellationToken) => RuntimeBenchmark.RunAsync(
            TimeSpan.FromSeconds(result.GetValue(seconds)), result.GetValue(concurrency), result.GetValue(grains), Console.Out, cancellationToken));
        return command;
    }
}
