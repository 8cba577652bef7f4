using System.CommandLine;
using System.Globalization;
using Medisettle.Grains.Policy;
using Medisettle.Grains.PolicyPacks;
using Medisettle.LoadTest.Recording;
using Medisettle.LoadTest.Replay;

namespace Medisettle.LoadTest.Cli;

/// <summary>
/// <c>replay</c>: re-runs a recording of national-platform requests (<c>http --record</c>) at their original dates on a
/// scratch silo with its gateway (a temp data directory, freshly seeded demo data; nothing live is touched), under the
/// packs in force and, with <c>--pack</c>, once more under the candidate. Writes <c>replay.json</c>, <c>replay.md</c>
/// and the replayed answers (<c>replayed.jsonl</c>, <c>replayed-candidate.jsonl</c>, in the recording format). Exit
/// code 0, or 1 with one line on stderr for bad input.
/// </summary>
internal static class ReplayCommand
{
    public static Command Create()
    {
        var requests = new Option<string>("--requests") { Description = "The recording: JSON lines of {\"request\": envelope, \"answer\": {…}} (http --record)", Required = true };
        var packs = new Option<string>("--packs") { Description = "Directory of the packs in force (default: the shipped packs)", DefaultValueFactory = _ => PolicyPackLoader.DefaultDirectory };
        var pack = new Option<string?>("--pack") { Description = "A candidate pack (JSON): the day is run once more with it replacing the pack of the same id" };
        var out_ = new Option<string>("--out") { Description = "Report directory", DefaultValueFactory = _ => Path.Combine("data", "replay") };
        var command = new Command("replay", "Replay a recorded file of national-platform requests at their original dates on a scratch silo, without touching live state.");
        foreach (var option in new Option[] { requests, packs, pack, out_ })
        {
            command.Options.Add(option);
        }

        command.SetAction((result, cancellationToken) => RunAsync(
            result.GetValue(requests)!, result.GetValue(packs)!, result.GetValue(pack), result.GetValue(out_)!, Console.Out, Console.Error, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(
        string requestsPath, string packsDirectory, string? candidatePath, string outDirectory, TextWriter log, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(error);
        ReplayReport report;
        try
        {
            var recorded = await RecordingFile.ReadAsync(requestsPath, cancellationToken);
            var population = ReplayPopulation.Of(recorded);
            var inForce = PolicyPackLoader.LoadDirectory(packsDirectory);
            PolicyPackCatalog? candidate = null;
            string? candidateId = null;
            if (candidatePath is not null)
            {
                if (!File.Exists(candidatePath))
                {
                    throw new FileNotFoundException($"--pack '{candidatePath}' does not exist.");
                }

                var candidatePack = PolicyPackLoader.LoadFile(candidatePath);
                candidateId = candidatePack.Id;
                candidate = new PolicyPackCatalog(inForce.Packs.Where(p => p.Id != candidatePack.Id).Append(candidatePack), inForce.OffsitePairs);
            }

            var before = await RunOnceAsync(recorded, population, inForce, null, Path.Combine(outDirectory, "replayed.jsonl"), cancellationToken);
            var after = candidate is null ? null : await RunOnceAsync(recorded, population, candidate, candidateId, Path.Combine(outDirectory, "replayed-candidate.jsonl"), cancellationToken);
            report = new ReplayReport
            {
                RequestsFile = Path.GetFullPath(requestsPath),
                Population = population,
                Before = before,
                After = after,
                FundsDeltaYuan = after is null ? null : new SortedDictionary<string, decimal>(
                    after.FundsPaidYuan.ToDictionary(p => p.Key, p => p.Value - before.FundsPaidYuan.GetValueOrDefault(p.Key)), StringComparer.Ordinal),
            };
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidDataException or PolicyPackException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync("replay: " + e.Message);
            return 1;
        }

        var stem = await ReplayReportFiles.WriteAsync(report, outDirectory, cancellationToken);
        var b = report.Before;
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"replay {b.FirstDate:yyyy-MM-dd}..{b.LastDate:yyyy-MM-dd}: {b.Requests:N0} requests, infcodes {string.Join(", ", b.Infcodes.Select(p => $"{p.Key}: {p.Value}"))}; {b.Mismatches:N0} of {b.AnswersCompared:N0} recorded answers differ; funds {b.FundsPaidYuan["fund_pay_sumamt"]:0.00} yuan{(report.After is { } a ? $" → {a.FundsPaidYuan["fund_pay_sumamt"]:0.00} under {a.CandidatePackId}" : "")}; {stem}.json/.md"));
        return 0;
    }

    private static async Task<ReplayRunSummary> RunOnceAsync(
        IReadOnlyList<RecordedRequest> recorded, ReplayPopulation population, PolicyPackCatalog packs, string? candidateId, string replayedPath, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(replayedPath))!);
        File.Delete(replayedPath);
        await using var silo = await ScratchSilo.StartAsync(population.Persons, population.Institutions, packs, recorded[0].InfTime, cancellationToken);
        using var replayed = new RequestRecording(replayedPath);
        return await DayReplay.RunAsync(recorded, silo, candidateId, replayed, cancellationToken);
    }
}
