using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Medisettle.Grains.Ledger;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Ledger;
using Medisettle.Interfaces.Settlement;
using Medisettle.LoadTest.Running;
using Medisettle.LoadTest.Targets;
using Medisettle.Storage.Journal;
using Microsoft.Extensions.DependencyInjection;

namespace Medisettle.LoadTest.Cli;

/// <summary>
/// <c>reconcile-bench</c>: how long 3202 reconciliation's read of an institution's receivable postings takes when the
/// institution has a history. Settles <c>--per-day</c> pharmacy purchases a day for <c>--days</c> days at one pharmacy
/// (a co-hosted silo on SQLite, not timed), then times the read of the last day, of the last week, and, as the baseline
/// in the same run, the read as it was before the institution kept its dates: its whole history (its posting stream and
/// its receivable index from their first entries), keeping the last day's postings (docs/benchmarks.md, "3202
/// reconciliation no longer reads the institution's whole history"). Every read must find exactly the settlements made
/// on its days.
/// </summary>
internal static class ReconcileBenchmarkCommand
{
    /// <summary>Demo institutions seeded (the fewest the demo population has); the purchases go to the first pharmacy.</summary>
    private const int Institutions = 25;

    public static Command Create()
    {
        var days = new Option<int>("--days") { Description = "Days of history at the pharmacy", DefaultValueFactory = _ => 60 };
        var perDay = new Option<int>("--per-day") { Description = "Settlements a day at the pharmacy", DefaultValueFactory = _ => 500 };
        var persons = new Option<int>("--persons") { Description = "Demo persons seeded; the employees of the pharmacy's region among them buy, each at most once a day while there are at least --per-day of them", DefaultValueFactory = _ => 20_000 };
        var repeats = new Option<int>("--repeats") { Description = "Timed reads of each kind (the median is reported)", DefaultValueFactory = _ => 7 };
        var command = new Command("reconcile-bench", "Times 3202 reconciliation's read of one pharmacy's receivables after days of history, against reading its whole history.");
        command.Options.Add(days);
        command.Options.Add(perDay);
        command.Options.Add(persons);
        command.Options.Add(repeats);
        command.SetAction((result, cancellationToken) => RunAsync(
            result.GetValue(days), result.GetValue(perDay), result.GetValue(persons), result.GetValue(repeats), Console.Out, Console.Error, cancellationToken));
        return command;
    }

    /// <summary>Makes the history and prints the timings; 0 when every read found what the whole stream holds.</summary>
    internal static async Task<int> RunAsync(int days, int perDay, int persons, int repeats, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (days < 1 || perDay < 1 || persons < 1 || repeats < 1)
        {
            await error.WriteLineAsync("reconcile-bench: --days, --per-day, --persons and --repeats must be at least 1.");
            return 1;
        }

        var directory = Directory.CreateTempSubdirectory("medisettle-reconcile-");
        try
        {
            var population = RunSession.Population(persons, Institutions);
            var pharmacyProfile = population.Pharmacies[0];
            var pharmacy = pharmacyProfile.Code;
            // Pharmacy purchases are paid from the personal account: employees insured in the pharmacy's region buy.
            var buyers = population.Persons.Where(p => p.Scheme == Scheme.Employee && p.InsuredRegion == pharmacyProfile.Region).Select(p => p.PersonId).ToList();
            if (buyers.Count < perDay)
            {
                await error.WriteLineAsync($"reconcile-bench: {buyers.Count} of the {persons} demo persons can buy at pharmacy {pharmacy}, fewer than --per-day {perDay}; give more --persons.");
                return 1;
            }

            await using var target = await InProcessTarget.StartAsync(
                new InProcessOptions
                {
                    DatabasePath = Path.Combine(directory.FullName, "reconcile.db"),
                    KeysDirectory = Path.Combine(directory.FullName, "keys"),
                    PersonCount = persons,
                    InstitutionCount = Institutions,
                    WarmUp = false,
                },
                TextWriter.Null,
                cancellationToken);
            var grains = target.Services.GetRequiredService<IGrainFactory>();
            var last = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
            var first = last.AddDays(1 - days);
            var (settled, settledLastDay, settledLastWeek) = (0, 0, 0);
            var refused = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var day = 0; day < days; day++)
            {
                var date = first.AddDays(day);
                var outcomes = await Task.WhenAll(Enumerable.Range(0, perDay).Select(i =>
                    grains.GetGrain<IPersonGrain>(buyers[(day * perDay + i) % buyers.Count]).SettleAsync(Purchase(pharmacy, date, day * perDay + i))));
                var settledThatDay = outcomes.Count(o => o.Status == SettlementStatus.Settled);
                settled += settledThatDay;
                settledLastDay = date == last ? settledThatDay : settledLastDay;
                settledLastWeek += date >= last.AddDays(-6) ? settledThatDay : 0;
                foreach (var outcome in outcomes.Where(o => o.Status != SettlementStatus.Settled))
                {
                    var reason = outcome.Rejection?.Code.ToString() ?? outcome.Status.ToString();
                    refused[reason] = refused.GetValueOrDefault(reason) + 1;
                }
            }

            await grains.GetGrain<IPostingDispatcherGrain>(PostingDispatcherGrain.Key).DrainAsync();
            var queries = target.Services.GetRequiredService<LedgerQueries>();
            var journal = target.Services.GetRequiredService<IJournal>();

            var lastDay = await TimeAsync(repeats, () => queries.ReadReceivablesAsync(pharmacy, last, last, int.MaxValue, cancellationToken));
            var lastWeek = await TimeAsync(repeats, () => queries.ReadReceivablesAsync(pharmacy, last.AddDays(-6), last, int.MaxValue, cancellationToken));
            var before = await TimeAsync(repeats, () => queries.ReadAllReceivablesAsync(pharmacy, last, last, int.MaxValue, cancellationToken));
            var entries = await journal.ReadStreamAsync(ReceivableIndex.Stream(pharmacy), 0, LedgerQueries.PageSizeMax, cancellationToken).CountAsync(cancellationToken);
            // Each day's settlements are found, once each, by every read (the purchases are never cancelled).
            var same = lastDay.Postings.Count == settledLastDay && lastDay.Postings.Select(p => p.SettlementId).Distinct().Count() == settledLastDay
                && lastDay.Postings.SequenceEqual(before.Postings)
                && lastWeek.Postings.Count == settledLastWeek && lastWeek.Postings.All(p => p.SettlementDate >= last.AddDays(-6) && p.SettlementDate <= last);

            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"reconcile-bench: {settled:N0} settlements at pharmacy {pharmacy} over {days} days ({first:yyyy-MM-dd}..{last:yyyy-MM-dd}), its receivable index {entries:N0} entries; median of {repeats} reads"));
            if (refused.Count > 0)
            {
                await output.WriteLineAsync("refused (business answers): " + string.Join(", ", refused.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Value:N0} × {r.Key}"))));
            }

            await output.WriteLineAsync("| Read | Postings | Median |");
            await output.WriteLineAsync("|---|---:|---:|");
            await output.WriteLineAsync(Row("3202's read, the last day", lastDay));
            await output.WriteLineAsync(Row("3202's read, the last 7 days", lastWeek));
            await output.WriteLineAsync(Row("baseline: the whole history, keeping the last day (the read before the days were kept)", before));
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"ratio, baseline ÷ the last day: {before.Median / lastDay.Median:F1}×"));
            if (!same)
            {
                await error.WriteLineAsync("reconcile-bench: the reads did not find exactly the settlements made on their days.");
                return 1;
            }

            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    /// <summary>A purchase of one approved drug, on <paramref name="date"/>, with a platform-form msgid unique at the pharmacy.</summary>
    private static SettleCommand Purchase(string pharmacy, DateOnly date, int index)
    {
        var amount = Money.FromYuan(20m + index % 180);
        var stamp = date.ToDateTime(new TimeOnly(9, 0)).AddSeconds(index / 10_000).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        return new SettleCommand
        {
            MessageId = string.Concat(pharmacy, stamp, (index % 10_000).ToString("D4", CultureInfo.InvariantCulture)),
            InstitutionCode = pharmacy,
            Visit = new Visit
            {
                VisitId = "R" + index.ToString("D9", CultureInfo.InvariantCulture),
                Type = VisitType.Pharmacy,
                Date = date,
                DeclaredTotal = amount,
                FeeLines =
                [
                    new FeeLine { CatalogueCode = "XD1001", Name = "XD1001", Class = FeeClass.ClassA, Amount = amount, ItemKind = ItemKind.ApprovedDrug, Quantity = 1 },
                ],
            },
        };
    }

    private static async Task<(List<Posting> Postings, double Median)> TimeAsync(int repeats, Func<Task<IReadOnlyList<Posting>>> read)
    {
        var postings = (await read()).ToList(); // once untimed: JIT and caches
        var times = new List<double>(repeats);
        for (var i = 0; i < repeats; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await read();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        times.Sort();
        return (postings, times[times.Count / 2]);
    }

    private static string Row(string what, (List<Posting> Postings, double Median) result) =>
        string.Create(CultureInfo.InvariantCulture, $"| {what} | {result.Postings.Count:N0} | {result.Median:F2} ms |");
}
