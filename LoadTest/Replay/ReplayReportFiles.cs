using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Medisettle.LoadTest.Replay;

/// <summary>Writes a replay report as <c>replay.json</c> and <c>replay.md</c>.</summary>
internal static class ReplayReportFiles
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly (string Field, string Name)[] Funds =
    [
        ("hifp_pay", "统筹 basic pooled"),
        ("hifob_pay", "大额 large amount"),
        ("hifmi_pay", "大病 critical illness"),
        ("maf_pay", "救助 assistance"),
        ("oth_pay", "其他 other"),
        ("fund_pay_sumamt", "基金合计 funds total"),
        ("acct_pay", "个人账户 account"),
        ("psn_cash_pay", "现金 cash"),
    ];

    public static async Task<string> WriteAsync(ReplayReport report, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var stem = Path.Combine(directory, "replay");
        await File.WriteAllTextAsync(stem + ".json", JsonSerializer.Serialize(report, Json), cancellationToken);
        await File.WriteAllTextAsync(stem + ".md", Markdown(report), cancellationToken);
        return stem;
    }

    public static string Markdown(ReplayReport r)
    {
        var s = new StringBuilder();
        var b = r.Before;
        s.Append(CultureInfo.InvariantCulture, $"# Replay of {Path.GetFileName(r.RequestsFile)}: {b.FirstDate:yyyy-MM-dd} – {b.LastDate:yyyy-MM-dd}\n\n");
        s.Append(CultureInfo.InvariantCulture, $"{b.Requests:N0} requests on a scratch host seeded with demo persons 0–{r.Population.Persons - 1} and institutions 0–{r.Population.Institutions - 1}, the settlement clock set to each request's inf_time");
        s.Append(CultureInfo.InvariantCulture, $"{(b.ClockHeld > 0 ? $" ({b.ClockHeld:N0} earlier than the line before: sent with the clock held)" : "")}.\n\n");
        foreach (var run in r.After is null ? [b] : new[] { b, r.After })
        {
            s.Append(CultureInfo.InvariantCulture, $"## {(run.CandidatePackId is null ? "Packs in force" : $"Candidate {run.CandidatePackId}")}\n\n");
            s.Append("| infno | infcode | answers |\n|---|---:|---:|\n");
            foreach (var (infno, codes) in run.InfcodesByInfno)
            {
                foreach (var (code, count) in codes)
                {
                    s.Append(CultureInfo.InvariantCulture, $"| {infno} | {code} | {count:N0} |\n");
                }
            }

            s.Append(CultureInfo.InvariantCulture, $"\nRecorded answers compared: {run.AnswersCompared:N0}; differing from the replay: **{run.Mismatches:N0}**.\n\n");
            foreach (var sample in run.MismatchSamples)
            {
                s.Append(CultureInfo.InvariantCulture, $"- {sample}\n");
            }

            s.Append('\n');
        }

        s.Append(r.After is null ? "| Fund | Paid (yuan) |\n|---|---:|\n" : "| Fund | Before (yuan) | After (yuan) | Change (yuan) |\n|---|---:|---:|---:|\n");
        foreach (var (field, name) in Funds)
        {
            var before = b.FundsPaidYuan.GetValueOrDefault(field);
            s.Append(r.After is null
                ? string.Create(CultureInfo.InvariantCulture, $"| {name} (`{field}`) | {before:0.00} |\n")
                : string.Create(CultureInfo.InvariantCulture, $"| {name} (`{field}`) | {before:0.00} | {r.After.FundsPaidYuan.GetValueOrDefault(field):0.00} | {r.FundsDeltaYuan!.GetValueOrDefault(field):0.00} |\n"));
        }

        return s.ToString();
    }
}
