using System.CommandLine;
using Medisettle.LoadTest.Running;
using Medisettle.LoadTest.Targets;

namespace Medisettle.LoadTest.Cli;

/// <summary><c>inprocess</c>: the grains in this process, no HTTP.</summary>
internal static class InProcessCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var storage = StorageOptionsSet.Create();
        var command = new Command("inprocess", "Drive the settlement grains in this process (no HTTP): engine, runtime and durable storage alone.");
        common.AddTo(command);
        storage.AddTo(command);
        command.SetAction((result, cancellationToken) => RunAsync(result, common, storage, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult result, CommonOptions common, StorageOptionsSet storage, CancellationToken cancellationToken)
    {
        var log = Console.Out;
        await using var postgres = await storage.StartPostgresAsync(result, cancellationToken);
        var options = await storage.InProcessOptionsAsync(result, common, postgres, "inprocess", cancellationToken);
        await using var target = await InProcessTarget.StartAsync(options, log, cancellationToken);
        var name = result.GetValue(common.Name) ?? FormattableString.Invariant($"inprocess-{options.Storage}-{result.GetValue(common.Rate)}").ToLowerInvariant();
        var report = await RunSession.RunAsync(name, target, RunSession.Population(options.PersonCount, options.InstitutionCount),
            common.Schedule(result), result.GetValue(common.Rate), common.RunOptions(result), log, cancellationToken);
        return await RunSession.FinishAsync(report, result.GetValue(common.Output)!, result.GetValue(common.ErrorRateMax), log, cancellationToken);
    }
}
