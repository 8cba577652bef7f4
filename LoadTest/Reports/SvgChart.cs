using System.Globalization;
using System.Security;
using System.Text;

namespace Medisettle.LoadTest.Reports;

/// <summary>An SVG chart of a run: swipes offered and completed per second (top), p50 and p99 latency per second (bottom).</summary>
public static class SvgChart
{
    private const int Width = 900;
    private const int PanelHeight = 220;
    private const int Left = 70;
    private const int Right = 20;
    private const int Top = 40;
    private const int Gap = 60;

    public static string Render(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var seconds = report.Seconds;
        var height = Top + 2 * PanelHeight + Gap + 40;
        var sb = new StringBuilder();
        Append(sb, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" font-family=\"sans-serif\" font-size=\"12\">");
        Append(sb, $"<rect width=\"{Width}\" height=\"{height}\" fill=\"white\"/>");
        Append(sb, $"<text x=\"{Left}\" y=\"20\" font-size=\"14\">{SecurityElement.Escape(report.Name)}: {SecurityElement.Escape(report.Target)}</text>");
        var rateMax = Math.Max(1, seconds.Count == 0 ? 1 : seconds.Max(s => Math.Max(s.Offered, s.Completed)));
        Panel(sb, Top, "swipes per second", rateMax, seconds.Count,
            [("offered", "#999999", seconds.Select(s => (double)s.Offered).ToArray()), ("completed", "#1f77b4", seconds.Select(s => (double)s.Completed).ToArray())], v => v.ToString("N0", CultureInfo.InvariantCulture));
        var latencyMax = Math.Max(1, seconds.Count == 0 ? 1 : seconds.Max(s => s.P99Microseconds) / 1000.0);
        Panel(sb, Top + PanelHeight + Gap, "latency per second (ms, from intended start)", latencyMax, seconds.Count,
            [("p50", "#2ca02c", seconds.Select(s => s.P50Microseconds / 1000.0).ToArray()), ("p99", "#d62728", seconds.Select(s => s.P99Microseconds / 1000.0).ToArray())], v => v.ToString("0.##", CultureInfo.InvariantCulture));
        Append(sb, $"<text x=\"{Left}\" y=\"{height - 10}\">seconds since start</text>");
        sb.Append("</svg>\n");
        return sb.ToString();
    }

    private static void Panel(StringBuilder sb, int top, string title, double yMax, int count, (string Name, string Color, double[] Values)[] series, Func<double, string> format)
    {
        var plotWidth = Width - Left - Right;
        Append(sb, $"<text x=\"{Left}\" y=\"{top - 8}\">{title}</text>");
        Append(sb, $"<rect x=\"{Left}\" y=\"{top}\" width=\"{plotWidth}\" height=\"{PanelHeight}\" fill=\"none\" stroke=\"#cccccc\"/>");
        for (var tick = 0; tick <= 4; tick++)
        {
            var y = top + PanelHeight - PanelHeight * tick / 4.0;
            Append(sb, $"<text x=\"{Left - 6}\" y=\"{y + 4:F1}\" text-anchor=\"end\">{format(yMax * tick / 4)}</text>");
        }

        for (var tick = 0; tick <= 5 && count > 0; tick++)
        {
            var x = Left + plotWidth * tick / 5.0;
            Append(sb, $"<text x=\"{x:F1}\" y=\"{top + PanelHeight + 16}\" text-anchor=\"middle\">{(count - 1) * tick / 5}</text>");
        }

        var legendX = Left + plotWidth - 180;
        foreach (var (name, color, values) in series)
        {
            var points = string.Join(' ', values.Select((v, i) => string.Create(CultureInfo.InvariantCulture,
                $"{Left + (count <= 1 ? 0 : plotWidth * i / (double)(count - 1)):F1},{top + PanelHeight - PanelHeight * Math.Min(v, yMax) / yMax:F1}")));
            Append(sb, $"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"1.5\" points=\"{points}\"/>");
            Append(sb, $"<text x=\"{legendX}\" y=\"{top + 16}\" fill=\"{color}\">{name}</text>");
            legendX += 80;
        }
    }

    private static void Append(StringBuilder sb, FormattableString text) => sb.Append(text.ToString(CultureInfo.InvariantCulture)).Append('\n');
}
