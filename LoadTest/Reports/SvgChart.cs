using System.Globalization;
using System.Security;
using System.Text;

namespace Medisettle.LoadTest.Reports;

/// <summary>
/// An SVG chart of a run, one panel above another over the same seconds: swipes offered and completed per second;
/// p50 and p99 latency per second; the load tool process's GC pause time per second; busy refusals (HTTP 503) per second.
/// </summary>
public static class SvgChart
{
    public const string GcPanelTitle = "GC pause per second (ms)";

    public const string BusyPanelTitle = "busy refusals per second (HTTP 503: infcode 9997, 9998, 1107; resends included)";

    private const int Width = 900;
    private const int PanelHeight = 220;
    private const int SmallPanelHeight = 120;
    private const int Left = 70;
    private const int Right = 20;
    private const int Top = 40;
    private const int Gap = 60;

    public static string Render(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var seconds = report.Seconds;
        var height = Top + 2 * PanelHeight + 2 * SmallPanelHeight + 3 * Gap + 40;
        var sb = new StringBuilder();
        Append(sb, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" font-family=\"sans-serif\" font-size=\"12\">");
        Append(sb, $"<rect width=\"{Width}\" height=\"{height}\" fill=\"white\"/>");
        Append(sb, $"<text x=\"{Left}\" y=\"20\" font-size=\"14\">{SecurityElement.Escape(report.Name)}: {SecurityElement.Escape(report.Target)}</text>");
        var top = Top;
        var rateMax = Math.Max(1, seconds.Count == 0 ? 1 : seconds.Max(s => Math.Max(s.Offered, s.Completed)));
        Panel(sb, top, PanelHeight, "swipes per second", rateMax, seconds.Count,
            [("offered", "#999999", seconds.Select(s => (double)s.Offered).ToArray()), ("completed", "#1f77b4", seconds.Select(s => (double)s.Completed).ToArray())], Count);
        top += PanelHeight + Gap;
        var latencyMax = Math.Max(1, seconds.Count == 0 ? 1 : seconds.Max(s => s.P99Microseconds) / 1000.0);
        Panel(sb, top, PanelHeight, "latency per second (ms, from intended start)", latencyMax, seconds.Count,
            [("p50", "#2ca02c", seconds.Select(s => s.P50Microseconds / 1000.0).ToArray()), ("p99", "#d62728", seconds.Select(s => s.P99Microseconds / 1000.0).ToArray())], Milliseconds);
        top += PanelHeight + Gap;
        var gcMax = Math.Max(1, seconds.Count == 0 ? 1 : seconds.Max(s => s.GcPauseMicroseconds) / 1000.0);
        var gcTitle = GcPanelTitle + (report.GcIncludesSilo ? ": this process, which hosts the silo" : ": the load tool's process only, not the silo's");
        Panel(sb, top, SmallPanelHeight, gcTitle, gcMax, seconds.Count,
            [("GC pause", "#9467bd", seconds.Select(s => s.GcPauseMicroseconds / 1000.0).ToArray())], Milliseconds);
        top += SmallPanelHeight + Gap;
        // Whole counts on every tick: the axis ends at a multiple of 4.
        var busyMax = 4 * Math.Max(1, (seconds.Count == 0 ? 0 : seconds.Max(s => s.BusyRefusals) + 3) / 4);
        Panel(sb, top, SmallPanelHeight, BusyPanelTitle + (report.GcIncludesSilo ? ": none in-process" : ""), busyMax, seconds.Count,
            [("503 answers", "#ff7f0e", seconds.Select(s => (double)s.BusyRefusals).ToArray())], Count);
        Append(sb, $"<text x=\"{Left}\" y=\"{height - 10}\">seconds since start</text>");
        sb.Append("</svg>\n");
        return sb.ToString();
    }

    private static string Count(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Milliseconds(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static void Panel(StringBuilder sb, int top, int panelHeight, string title, double yMax, int count, (string Name, string Color, double[] Values)[] series, Func<double, string> format)
    {
        var plotWidth = Width - Left - Right;
        Append(sb, $"<text x=\"{Left}\" y=\"{top - 8}\">{title}</text>");
        Append(sb, $"<rect x=\"{Left}\" y=\"{top}\" width=\"{plotWidth}\" height=\"{panelHeight}\" fill=\"none\" stroke=\"#cccccc\"/>");
        for (var tick = 0; tick <= 4; tick++)
        {
            var y = top + panelHeight - panelHeight * tick / 4.0;
            Append(sb, $"<text x=\"{Left - 6}\" y=\"{y + 4:F1}\" text-anchor=\"end\">{format(yMax * tick / 4)}</text>");
        }

        for (var tick = 0; tick <= 5 && count > 0; tick++)
        {
            var x = Left + plotWidth * tick / 5.0;
            Append(sb, $"<text x=\"{x:F1}\" y=\"{top + panelHeight + 16}\" text-anchor=\"middle\">{(count - 1) * tick / 5}</text>");
        }

        var legendX = Left + plotWidth - 180;
        foreach (var (name, color, values) in series)
        {
            var points = string.Join(' ', values.Select((v, i) => string.Create(CultureInfo.InvariantCulture,
                $"{Left + (count <= 1 ? 0 : plotWidth * i / (double)(count - 1)):F1},{top + panelHeight - panelHeight * Math.Min(v, yMax) / yMax:F1}")));
            Append(sb, $"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"1.5\" points=\"{points}\"/>");
            Append(sb, $"<text x=\"{legendX}\" y=\"{top + 16}\" fill=\"{color}\">{name}</text>");
            legendX += 80;
        }
    }

    private static void Append(StringBuilder sb, FormattableString text) => sb.Append(text.ToString(CultureInfo.InvariantCulture)).Append('\n');
}
