using System.Globalization;

namespace Medisettle.LoadTest.Metrics;

/// <summary>
/// What a silo publishes on its <c>/metrics</c> (Prometheus text) that the load tool turns into figures per second: the
/// running totals of GC pause time and process CPU time (user + system), in seconds (OpenTelemetry's runtime
/// instrumentation), and the posting dispatcher's journal lag now (entries committed, not yet delivered; null when the
/// dispatcher runs on another silo).
/// </summary>
public sealed record SiloCounters(double GcPauseSeconds, double CpuSeconds, long? JournalLag = null)
{
    private const string GcPause = "dotnet_gc_pause_time_seconds_total";
    private const string Cpu = "dotnet_process_cpu_time_seconds_total";
    private const string Lag = "medisettle_journal_lag";

    /// <summary>The totals in <paramref name="text"/>, or null when it has no GC pause or CPU total.</summary>
    public static SiloCounters? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        double? gcPause = null;
        double? cpu = null;
        long? lag = null;
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var name = line.AsSpan(0, line.IndexOfAny(['{', ' ']) is var end and > 0 ? end : line.Length);
            var valueAt = line.LastIndexOf(' ');
            if (valueAt < 0 || !double.TryParse(line.AsSpan(valueAt + 1).TrimEnd('\r'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }

            if (name.SequenceEqual(GcPause))
            {
                gcPause = (gcPause ?? 0) + value;
            }
            else if (name.SequenceEqual(Cpu))
            {
                cpu = (cpu ?? 0) + value; // one line per cpu_mode (user, system)
            }
            else if (name.SequenceEqual(Lag))
            {
                lag = (long)value;
            }
        }

        return gcPause is { } g && cpu is { } c ? new SiloCounters(g, c, lag) : null;
    }
}
