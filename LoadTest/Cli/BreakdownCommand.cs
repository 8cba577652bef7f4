using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Medisettle.Grains.Ledger;
using Medisettle.Grains.Policy;
using Medisettle.LoadTest.Bench;

namespace Medisettle.LoadTest.Cli;

/// <summary>
/// <c>breakdown</c>: single-threaded costs of the pieces of one settlement, without grains or storage: the engine's
/// compute, building the journal appends (record, receipt, postings, JSON), and their bytes. Where the time goes.
/// </summary>
internal static class BreakdownCommand
{
    public static Command Create()
    {
        var iterations = new Option<int>("--iterations") { Description = "Settlements computed per measurement", DefaultValueFactory = _ => 50_000 };
        var command = new Command("breakdown", "Single-thread cost per settlement of the engine and of building the journal entries (no grains, no storage).");
        command.Options.Add(iterations);
        command.SetAction(result => Run(result.GetValue(iterations)));
        return command;
    }

    private static int Run(int iterations)
    {
        var samples = new SettlementSamples();
        var engine = samples.Engine;
        var inputs = Enumerable.Range(0, 4096).Select(i => samples.Next(i)).ToArray();
        var computations = new SettlementComputation[inputs.Length];
        var compute = Measure(iterations, i => computations[i % inputs.Length] = engine.Compute(inputs[i % inputs.Length].Input));
        long bytes = 0;
        long rows = 0;
        var journal = Measure(iterations, i =>
        {
            var (plan, input) = inputs[i % inputs.Length];
            var breakdown = computations[i % inputs.Length].Breakdown;
            if (breakdown is null)
            {
                return;
            }

            var settlementId = BenchSettlementIds.For(plan.Fresh, i);
            var (_, appends) = LedgerWriter.Settle(settlementId, plan.Fresh, "bench", input.Person, input.Institution, breakdown, DateTimeOffset.UtcNow);
            rows += appends.Count;
            foreach (var append in appends)
            {
                bytes += append.Payload.Length;
            }
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"engine compute: {compute:N0} settlements/s on one thread ({1e6 / compute:F1} µs each); settled {computations.Count(c => c.IsSettled)}/{computations.Length}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"journal entries (the record with its postings, and its message's receipt inside it; JSON): {journal:N0} settlements/s on one thread ({1e6 / journal:F1} µs each), {(double)rows / iterations:F1} rows and {bytes / iterations:N0} bytes per settlement"));
        return 0;
    }

    /// <summary>Runs <paramref name="action"/> once to warm up, then times <paramref name="iterations"/> calls; returns calls per second.</summary>
    private static double Measure(int iterations, Action<int> action)
    {
        for (var i = 0; i < Math.Min(iterations, 20_000); i++)
        {
            action(i);
        }

        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < iterations; i++)
        {
            action(i);
        }

        return iterations / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}
