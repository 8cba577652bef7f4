using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Medisettle.Grains.Ledger;
using Medisettle.Grains.Policy;
using Medisettle.Grains.PolicyPacks;
using Medisettle.Grains.WhatIf;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Ledger;
using Medisettle.Interfaces.Settlement;
using Medisettle.LoadTest.Running;
using Medisettle.LoadTest.Workload;

namespace Medisettle.LoadTest.Cli;

/// <summary>
/// <c>whatif-bench</c>: how fast the what-if replay (基金测算) re-runs settlements. Makes settlement records the way the
/// person grain does (the workload's visits of the demo population, the engine on each person's running totals, then
/// the journal record), in chunks, and times only the replay's work on them: the consistency re-run under the packs in
/// force and the run under a candidate (the P0 resident pack with its annual cap lowered from 40,000 to 20,000). The
/// baseline, in the same run: the generator's own engine calls on the same visits (one computation each, the work the
/// live settlement path does in the engine), timed apart.
/// </summary>
internal static class WhatIfBenchmarkCommand
{
    private const int ChunkSize = 50_000;

    public static Command Create()
    {
        var settlements = new Option<int>("--settlements") { Description = "Settlement records to replay", DefaultValueFactory = _ => 1_000_000 };
        var persons = new Option<int>("--persons") { Description = "Demo persons the settlements are spread over", DefaultValueFactory = _ => 100_000 };
        var command = new Command("whatif-bench", "Times the what-if replay of N settlements (records made in memory, not timed) under a candidate pack.");
        command.Options.Add(settlements);
        command.Options.Add(persons);
        command.SetAction(result => Run(result.GetValue(settlements), result.GetValue(persons), Console.Out, Console.Error));
        return command;
    }

    /// <summary>Makes and replays <paramref name="settlements"/> settlements; 0 when the re-run under the packs in force matched every record.</summary>
    internal static int Run(int settlements, int persons, TextWriter output, TextWriter error)
    {
        if (settlements < 1 || persons < 1)
        {
            error.WriteLine("whatif-bench: --settlements and --persons must be at least 1.");
            return 1;
        }

        var population = RunSession.Population(persons, 500);
        var planner = new WorkloadPlanner(population, WorkloadMix.Default with { Cancel = 0, Retry = 0 }, 11, DateTimeOffset.UtcNow);
        var inForce = PolicyPackLoader.LoadDirectory(PolicyPackLoader.DefaultDirectory);
        var engine = new SettlementEngine(inForce);
        var json = File.ReadAllText(Path.Combine(PolicyPackLoader.DefaultDirectory, "p0-990001-resident.json"));
        var candidate = PolicyPackLoader.Parse(json.Replace("\"annualCap\": 40000", "\"annualCap\": 20000", StringComparison.Ordinal), "candidate (cap 20,000)");
        var replay = new WhatIfReplay(inForce, candidate, new WhatIfOptions { From = new DateOnly(2026, 1, 1), To = new DateOnly(2026, 12, 31) });
        var institutions = population.Institutions.ToDictionary(i => i.Code, StringComparer.Ordinal);
        var profiles = population.Persons.ToDictionary(p => p.PersonId, StringComparer.Ordinal);
        var state = new Dictionary<string, (YearToDate Ytd, Money Balance, ControlHistory History)>(StringComparer.Ordinal);
        var chunk = new List<SettlementRecord>(ChunkSize);
        var replayTime = TimeSpan.Zero;
        long engineTicks = 0;
        long made = 0;
        long refused = 0;
        long plan = 0;
        while (made < settlements)
        {
            chunk.Clear();
            while (chunk.Count < ChunkSize && made + chunk.Count < settlements)
            {
                var swipe = planner.Next(plan);
                var person = profiles[swipe.PersonId];
                var institution = institutions[swipe.Fresh.InstitutionCode];
                var (ytd, balance, history) = state.TryGetValue(person.PersonId, out var s) ? s : (YearToDate.Empty(2026), Money.Yuan(2_000), ControlHistory.Empty);
                var id = "S20260302" + plan.ToString("D21", CultureInfo.InvariantCulture);
                var at = new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(8));
                plan++;
                var computeStarted = Stopwatch.GetTimestamp();
                var computation = engine.Compute(new EngineInput
                {
                    Person = person, Institution = institution, Visit = swipe.Fresh.Visit, YearToDate = ytd,
                    PersonalAccountBalance = balance, History = history, SwipedAt = at, SettlementId = id,
                });
                engineTicks += Stopwatch.GetTimestamp() - computeStarted;
                if (!computation.IsSettled)
                {
                    refused++;
                    continue;
                }

                var (record, _) = LedgerWriter.Settle(id, swipe.Fresh, "bench", person, institution, computation.Breakdown, at);
                state[person.PersonId] = (computation.YearToDateAfter, computation.Breakdown.AccountBalanceAfter, computation.HistoryAfter!);
                chunk.Add(record);
            }

            var started = Stopwatch.GetTimestamp();
            foreach (var record in chunk)
            {
                replay.Add(record);
            }

            replayTime += Stopwatch.GetElapsedTime(started);
            made += chunk.Count;
        }

        var finishing = Stopwatch.GetTimestamp();
        var result = replay.Result();
        replayTime += Stopwatch.GetElapsedTime(finishing);
        var engineTime = TimeSpan.FromSeconds(engineTicks / (double)Stopwatch.Frequency);
        using var process = Process.GetCurrentProcess();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"what-if replay: {made:N0} settlements of {persons:N0} persons ({refused:N0} swipes the engine refused were not recorded) re-run twice (packs in force, candidate) in {replayTime.TotalSeconds:N1} s: {made / replayTime.TotalSeconds:N0} settlements/s on one thread"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"consistency: {result.ReplayedBefore:N0} re-run, {result.Mismatches:N0} mismatches; candidate refused {result.RefusedByCandidate:N0}; persons at the basic cap {result.PersonsAtCapBefore:N0} -> {result.PersonsAtCapAfter:N0}; basic pooled paid {result.Before.BasicPooled} -> {result.After.BasicPooled}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"baseline, same run: the engine alone computed the {plan:N0} planned swipes once in {engineTime.TotalSeconds:N1} s ({plan / engineTime.TotalSeconds:N0}/s); the replay took {replayTime / engineTime:N2}x that for its {made:N0} settlements"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"peak working set of the process (replay, generator and its person states): {process.PeakWorkingSet64 / 1_048_576.0:N0} MiB"));
        return result.Mismatches == 0 ? 0 : 1;
    }
}
