using System.Text.Json;

namespace Medisettle.LoadTest.Reports;

/// <summary>
/// Writes a run's report as <c>{name}.json</c>, <c>{name}.md</c> and <c>{name}.svg</c> under a directory, and its
/// latency percentile distribution as <c>{name}.hgrm</c> when it has one.
/// </summary>
public static class ReportFiles
{
    public static async Task<string> WriteAsync(RunReport report, string directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(directory);
        var stem = Path.Combine(directory, report.Name);
        await File.WriteAllTextAsync(stem + ".json", ToJson(report), cancellationToken);
        await File.WriteAllTextAsync(stem + ".md", MarkdownReport.Render(report), cancellationToken);
        await File.WriteAllTextAsync(stem + ".svg", SvgChart.Render(report), cancellationToken);
        if (report.LatencyDistribution is not null)
        {
            await File.WriteAllTextAsync(stem + ".hgrm", report.LatencyDistribution, cancellationToken);
        }

        return stem;
    }

    public static string ToJson(RunReport report) => JsonSerializer.Serialize(report, ReportJsonContext.Default.RunReport);

    public static string ToJson(BenchReport report) => JsonSerializer.Serialize(report, ReportJsonContext.Default.BenchReport);
}
