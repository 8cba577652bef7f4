using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Medisettle.Grains.Ledger;
using Medisettle.Grains.WhatIf;
using Medisettle.Interfaces;

namespace Medisettle.LoadTest.WhatIf;

/// <summary>Writes a what-if result as <c>whatif.json</c>, <c>whatif.md</c> and <c>whatif.svg</c> (per-fund bars, before and after).</summary>
internal static class WhatIfReportFiles
{
    private static readonly JsonSerializerOptions Json = new(LedgerJson.Options) { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never, TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    public static async Task<string> WriteAsync(WhatIfResult result, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var stem = Path.Combine(directory, "whatif");
        await File.WriteAllTextAsync(stem + ".json", JsonSerializer.Serialize(result, Json), cancellationToken);
        await File.WriteAllTextAsync(stem + ".md", Markdown(result), cancellationToken);
        await File.WriteAllTextAsync(stem + ".svg", Svg(result), cancellationToken);
        return stem;
    }

    private static (string Name, Func<PaymentTotals, Money> Amount)[] Funds =>
    [
        ("统筹 basic pooled", t => t.BasicPooled),
        ("大额 large amount", t => t.LargeAmount),
        ("大病 critical illness", t => t.CriticalIllness),
        ("救助 assistance", t => t.MedicalAssistance),
        ("个人账户 account", t => t.AccountPaid),
        ("现金 cash", t => t.CashPaid),
    ];

    public static string Markdown(WhatIfResult r)
    {
        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $"# What-if {r.From:yyyy-MM-dd} – {r.To:yyyy-MM-dd}: candidate {r.CandidatePackId} ({r.CandidateSource})\n\n");
        s.Append(CultureInfo.InvariantCulture, $"{r.SettlementsInPeriod:N0} settlements in the period ({r.CancelledInPeriod:N0} cancelled and {r.NotReplayable:N0} without a journaled input left out), {r.PersonsInPeriod:N0} persons; {r.RecordsRead:N0} journal records read in {r.ElapsedSeconds:F1} s.\n\n");
        s.Append(r.Mismatches == 0
            ? $"Consistency check: all {r.ReplayedBefore:N0} re-runs under the packs in force reproduce the recorded split.\n\n"
            : $"**Consistency check failed**: {r.Mismatches:N0} of {r.ReplayedBefore:N0} re-runs under the packs in force differ from the record; the \"after\" figures are not trustworthy. First: {string.Join("; ", r.MismatchSamples)}\n\n");
        if (r.RefusedByCandidate > 0)
        {
            s.Append(CultureInfo.InvariantCulture, $"The candidate refuses {r.RefusedByCandidate:N0} settlements (counted as paid by the patient): {string.Join("; ", r.RefusalSamples)}\n\n");
        }

        s.Append("| Fund | Before (yuan) | After (yuan) | Change (yuan) |\n|---|---:|---:|---:|\n");
        foreach (var (name, amount) in Funds.Append(("基金合计 funds total", t => t.FundPaySum)))
        {
            s.Append(CultureInfo.InvariantCulture, $"| {name} | {amount(r.Before)} | {amount(r.After)} | {amount(r.Delta)} |\n");
        }

        s.Append(CultureInfo.InvariantCulture, $"\nPersons at the basic annual cap: {r.PersonsAtCapBefore:N0} before, {r.PersonsAtCapAfter:N0} after.\n\n");
        s.Append("| Group | Persons | At cap before | At cap after | Funds before | Funds after | Change |\n|---|---:|---:|---:|---:|---:|---:|\n");
        foreach (var g in r.Groups)
        {
            s.Append(CultureInfo.InvariantCulture, $"| {g.Group} | {g.Persons:N0} | {g.PersonsAtCapBefore:N0} | {g.PersonsAtCapAfter:N0} | {g.Before.FundPaySum} | {g.After.FundPaySum} | {g.Delta.FundPaySum} |\n");
        }

        s.Append("\n| Person | Group | Settlements | Funds before | Funds after | Change | At cap before/after |\n|---|---|---:|---:|---:|---:|---|\n");
        foreach (var p in r.LargestChanges)
        {
            s.Append(CultureInfo.InvariantCulture, $"| {p.Person} | {p.Group} | {p.Settlements} | {p.FundPaidBefore} | {p.FundPaidAfter} | {p.Change} | {(p.AtCapBefore ? "yes" : "no")}/{(p.AtCapAfter ? "yes" : "no")} |\n");
        }

        return s.ToString();
    }

    /// <summary>Horizontal bars per fund: before (grey) and after (blue), with the amounts in yuan.</summary>
    public static string Svg(WhatIfResult r)
    {
        const int Left = 190, BarWidthMax = 520, Row = 46, Top = 40;
        var funds = Funds;
        var max = Math.Max(1, funds.Max(f => Math.Max(f.Amount(r.Before).Fen, f.Amount(r.After).Fen)));
        var height = Top + (funds.Length * Row) + 20;
        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"860\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        s.Append(CultureInfo.InvariantCulture, $"<text x=\"10\" y=\"20\" font-size=\"14\">What-if {r.From:yyyy-MM-dd} – {r.To:yyyy-MM-dd}: recorded (grey) and under {Escape(r.CandidatePackId)} (blue), yuan</text>\n");
        for (var i = 0; i < funds.Length; i++)
        {
            var (name, amount) = funds[i];
            var y = Top + (i * Row);
            s.Append(CultureInfo.InvariantCulture, $"<text x=\"10\" y=\"{y + 17}\">{Escape(name)}</text>\n");
            Bar(s, y, amount(r.Before), "#999");
            Bar(s, y + 18, amount(r.After), "#2b6cb0");
        }

        s.Append("</svg>\n");
        return s.ToString();

        void Bar(StringBuilder b, int y, Money value, string colour)
        {
            var width = (int)Math.Round(BarWidthMax * (double)Math.Max(0, value.Fen) / max);
            b.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Left}\" y=\"{y}\" width=\"{width}\" height=\"15\" fill=\"{colour}\"/>");
            b.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + width + 5}\" y=\"{y + 12}\">{value}</text>\n");
        }
    }

    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);
}
