using System.CommandLine;
using System.Globalization;
using Medisettle.Grains.Policy;
using Medisettle.Grains.PolicyPacks;
using Medisettle.Grains.WhatIf;
using Medisettle.LoadTest.WhatIf;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Medisettle.LoadTest.Cli;

/// <summary>
/// <c>whatif</c>: re-runs the settlements of a period from a silo's SQLite journal (<c>--db</c>) or a cluster's
/// PostgreSQL journal (<c>--pg</c>), both read-only, under a candidate policy pack (基金测算); writes <c>whatif.json</c>,
/// <c>.md</c> and <c>.svg</c>. Exit code 0, or 1 with one line on stderr for bad input (missing or invalid pack, bad
/// dates, missing database, both or neither of --db and --pg, a database that cannot be read) or a failed consistency check.
/// </summary>
internal static class WhatIfCommand
{
    public static Command Create()
    {
        var db = new Option<string>("--db") { Description = $"The silo's SQLite database (default {DefaultDatabase} when --pg is not given); opened read-only" };
        var pg = new Option<string>("--pg") { Description = "Instead of --db: connection string of the cluster's PostgreSQL database; read in a read-only transaction up to the journal's safe point" };
        var from = new Option<string>("--from") { Description = "First settlement date of the period, yyyy-MM-dd", Required = true };
        var to = new Option<string>("--to") { Description = "Last settlement date of the period, yyyy-MM-dd", Required = true };
        var pack = new Option<string>("--pack") { Description = "The candidate pack (JSON); it replaces the pack of the same id in force", Required = true };
        var packs = new Option<string>("--packs") { Description = "Directory of the packs in force (default: the shipped packs)", DefaultValueFactory = _ => PolicyPackLoader.DefaultDirectory };
        var out_ = new Option<string>("--out") { Description = "Report directory", DefaultValueFactory = _ => "data/whatif" };
        var top = new Option<int>("--top") { Description = "Persons with the largest change listed", DefaultValueFactory = _ => 20 };
        var command = new Command("whatif", "What-if replay: the journal's settlements of a period re-run under a candidate policy pack, without touching live state.");
        foreach (var option in new Option[] { db, pg, from, to, pack, packs, out_, top })
        {
            command.Options.Add(option);
        }

        command.SetAction((result, cancellationToken) => RunAsync(
            result.GetValue(db), result.GetValue(pg), result.GetValue(from)!, result.GetValue(to)!, result.GetValue(pack)!, result.GetValue(packs)!,
            result.GetValue(out_)!, result.GetValue(top), Console.Out, Console.Error, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(
        string? db, string? pg, string from, string to, string packPath, string packsDirectory, string outDirectory, int top, TextWriter log, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            await using var journal = OpenJournal(db, pg);
            var options = new WhatIfOptions { From = ParseDate("--from", from), To = ParseDate("--to", to), TopChanges = top };
            options.Validate();
            if (!File.Exists(packPath))
            {
                throw new FileNotFoundException($"--pack '{packPath}' does not exist.");
            }

            var inForce = PolicyPackLoader.LoadDirectory(packsDirectory);
            var replay = new WhatIfReplay(inForce, PolicyPackLoader.LoadFile(packPath), options);
            var bounds = await ReplayAsync(journal, replay, cancellationToken);
            if (bounds.NotRead > 0)
            {
                await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"whatif: journal read up to its safe point {bounds.SafeSequence}; sequences {bounds.SafeSequence + 1}..{bounds.HeadSequence} were committed past an entry still in flight and are not included (run again to include them)"));
            }

            var result = replay.Result();
            var stem = await WhatIfReportFiles.WriteAsync(result, outDirectory, cancellationToken);
            await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"whatif {options.From:yyyy-MM-dd}..{options.To:yyyy-MM-dd} under {result.CandidatePackId}: {result.SettlementsInPeriod:N0} settlements, funds {result.Before.FundPaySum} → {result.After.FundPaySum} yuan ({result.Delta.FundPaySum}), at cap {result.PersonsAtCapBefore} → {result.PersonsAtCapAfter}; {result.Mismatches} mismatches; {stem}.json/.md/.svg"));
            if (result.Mismatches > 0)
            {
                await error.WriteLineAsync($"whatif: {result.Mismatches} settlements re-run under the packs in force differ from the record (first: {result.MismatchSamples[0]}); are --packs the packs in force?");
                return 1;
            }

            return 0;
        }
        catch (NpgsqlException e)
        {
            await error.WriteLineAsync("whatif: --pg: " + OneLine(e.Message));
            return 1;
        }
        catch (Exception e) when (e is ArgumentException or IOException or PolicyPackException or SqliteException or UnauthorizedAccessException or TimeoutException)
        {
            await error.WriteLineAsync("whatif: " + OneLine(e.Message));
            return 1;
        }
    }

    /// <summary>The SQLite file when --pg is not given.</summary>
    public const string DefaultDatabase = "data/silo.db";

    /// <summary>The journal to read: --db or --pg, never both.</summary>
    private static IWhatIfJournal OpenJournal(string? db, string? pg) => (db, pg) switch
    {
        (not null, not null) => throw new ArgumentException("--db and --pg are exclusive: give the SQLite file or the PostgreSQL connection string, not both."),
        (null, not null) when string.IsNullOrWhiteSpace(pg) => throw new ArgumentException("--pg is empty: give a PostgreSQL connection string."),
        (null, not null) => new PostgresJournalDatabase(pg),
        _ => new SqliteJournalFile(db ?? DefaultDatabase),
    };

    /// <summary>Feeds the person entries up to the journal's safe point to the replay, in sequence order.</summary>
    private static async Task<WhatIfJournalBounds> ReplayAsync(IWhatIfJournal journal, WhatIfReplay replay, CancellationToken cancellationToken)
    {
        var bounds = await journal.OpenAsync(cancellationToken);
        long after = 0;
        while (after < bounds.SafeSequence)
        {
            var page = await journal.ReadPersonEntriesAsync(after, bounds.SafeSequence, cancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            foreach (var entry in page)
            {
                replay.Add(entry);
            }

            after = page[^1].Sequence;
        }

        return bounds;
    }

    /// <summary>A driver message on one line (PostgreSQL adds detail lines).</summary>
    private static string OneLine(string message) => string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static DateOnly ParseDate(string option, string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new ArgumentException($"{option} '{text}' is not a date (yyyy-MM-dd).");
}
