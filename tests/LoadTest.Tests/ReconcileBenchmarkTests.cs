using Medisettle.LoadTest.Cli;
using Xunit;

namespace Medisettle.LoadTest.Tests;

/// <summary><c>reconcile-bench</c>: a pharmacy's history of days, then 3202's reads timed beside the read of its whole stream.</summary>
public sealed class ReconcileBenchmarkTests
{
    [Fact]
    public async Task The_reads_find_each_range_s_postings_and_the_report_names_them()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await ReconcileBenchmarkCommand.RunAsync(days: 3, perDay: 40, persons: 2_000, repeats: 1, output, error, CancellationToken.None);

        Assert.Equal("", error.ToString());
        Assert.Equal(0, code);
        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("reconcile-bench: 120 settlements at pharmacy P99000100000 over 3 days (", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"\), its receivable index [1-3] entries; median of 1 reads$", lines[0]); // one entry per delivery: the dispatcher's passes in the run
        Assert.StartsWith("| 3202's read, the last day | 40 | ", lines[3], StringComparison.Ordinal);
        Assert.StartsWith("| 3202's read, the last 7 days | 120 | ", lines[4], StringComparison.Ordinal);
        Assert.StartsWith("| baseline: the whole history, keeping the last day (the read before the days were kept) | 40 | ", lines[5], StringComparison.Ordinal);
        Assert.StartsWith("ratio, baseline ÷ the last day: ", lines[6], StringComparison.Ordinal);
        Assert.Equal(7, lines.Length);
    }

    [Fact]
    public async Task Too_few_buyers_for_the_purchases_a_day_is_refused_with_what_to_change()
    {
        var error = new StringWriter();

        var code = await ReconcileBenchmarkCommand.RunAsync(days: 1, perDay: 100_000, persons: 2_000, repeats: 1, new StringWriter(), error, CancellationToken.None);

        Assert.Equal(1, code);
        Assert.Contains("fewer than --per-day 100000; give more --persons.", error.ToString(), StringComparison.Ordinal);
    }
}
