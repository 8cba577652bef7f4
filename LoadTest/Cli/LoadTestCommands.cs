using System.CommandLine;

namespace Medisettle.LoadTest.Cli;

/// <summary>The command line: <c>inprocess</c>, <c>http</c>, <c>verify</c>, <c>bench</c>, <c>breakdown</c>, <c>storage</c>, <c>physical</c>, <c>runtime</c>, <c>whatif</c>, <c>whatif-bench</c>, <c>replay</c>, <c>dictionary</c>, <c>disk</c>, <c>reconcile-bench</c>, <c>stream-reads</c>, <c>http-floor</c>.</summary>
public static class LoadTestCommands
{
    public static RootCommand Create()
    {
        var root = new RootCommand("Medisettle peak-swipe simulator and benchmarks (open-loop arrivals, latency from intended start).");
        root.Subcommands.Add(InProcessCommand.Create());
        root.Subcommands.Add(HttpCommand.Create());
        root.Subcommands.Add(VerifyCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(BreakdownCommand.Create());
        root.Subcommands.Add(StorageCommand.Create());
        root.Subcommands.Add(PhysicalCommand.Create());
        root.Subcommands.Add(RuntimeBenchmarkCommand.Create());
        root.Subcommands.Add(WhatIfCommand.Create());
        root.Subcommands.Add(WhatIfBenchmarkCommand.Create());
        root.Subcommands.Add(ReplayCommand.Create());
        root.Subcommands.Add(DictionaryCommand.Create());
        root.Subcommands.Add(DiskCommand.Create());
        root.Subcommands.Add(ReconcileBenchmarkCommand.Create());
        root.Subcommands.Add(StreamReadsCommand.Create());
        root.Subcommands.Add(HttpFloorCommand.Create());
        return root;
    }
}
