using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Medisettle.Silo.Tests;

/// <summary>
/// What one injected fault did to the load, read from the per-second samples of the load tool's JSON report
/// (<c>seconds</c>: swipes offered and completed in each second of the run, errors, p99 of the swipes completed in it;
/// latency counts from the swipe's intended start, so a stall shows). A second is <b>disturbed</b> when it had an error,
/// or a p99 of 1 s or more (a swipe answered 9998 waits Retry-After, 1 s, before it is sent again), or swipes offered
/// and none completed (a stall). The window of a fault runs from its second to the next fault's.
/// </summary>
internal sealed record FaultOutage(string Fault, int FromSecond, int ToSecond, int DisturbedSeconds, int FirstDisturbed, int LastDisturbed, long ErrorCount, long P99MaxMicroseconds)
{
    private const long DisturbedP99Microseconds = 1_000_000;

    /// <summary>One outage per fault; <paramref name="faults"/> are (name, second of the run) in order.</summary>
    public static IReadOnlyList<FaultOutage> Measure(JsonElement report, IReadOnlyList<(string Name, double AtSecond)> faults)
    {
        var seconds = report.GetProperty("seconds").EnumerateArray().Select(Second.Of).ToArray();
        var outages = new List<FaultOutage>(faults.Count);
        for (var i = 0; i < faults.Count; i++)
        {
            var from = (int)Math.Floor(faults[i].AtSecond);
            var to = i + 1 < faults.Count ? (int)Math.Floor(faults[i + 1].AtSecond) - 1 : seconds.Length - 1;
            var window = seconds.Where(s => s.Index >= from && s.Index <= to).ToArray();
            var disturbed = window.Where(s => s.Disturbed).ToArray();
            outages.Add(new FaultOutage(
                faults[i].Name, from, to, disturbed.Length,
                disturbed.Length == 0 ? -1 : disturbed[0].Index, disturbed.Length == 0 ? -1 : disturbed[^1].Index,
                window.Sum(s => s.Errors), window.Length == 0 ? 0 : window.Max(s => s.P99Microseconds)));
        }

        return outages;
    }

    /// <summary>The per-second table of a run, one line per second (for the test output).</summary>
    public static string Table(JsonElement report)
    {
        var text = new StringBuilder("second  offered  completed  errors      p99\n");
        foreach (var s in report.GetProperty("seconds").EnumerateArray().Select(Second.Of))
        {
            text.Append(CultureInfo.InvariantCulture, $"{s.Index,6}  {s.Offered,7}  {s.Completed,9}  {s.Errors,6}  {s.P99Microseconds / 1000.0,8:F0} ms{(s.Disturbed ? "  *" : "")}\n");
        }

        return text.ToString();
    }

    public override string ToString()
    {
        if (DisturbedSeconds == 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{Fault} (s {FromSecond}–{ToSecond}): no disturbed second, errors {ErrorCount}, p99 at most {P99MaxMicroseconds / 1000.0:F0} ms");
        }

        var end = LastDisturbed < ToSecond
            ? string.Create(CultureInfo.InvariantCulture, $"undisturbed from s {LastDisturbed + 1}")
            : "still disturbed at the window's end";
        return string.Create(CultureInfo.InvariantCulture,
            $"{Fault} (s {FromSecond}–{ToSecond}): {DisturbedSeconds} disturbed second(s), s {FirstDisturbed}–{LastDisturbed}, errors {ErrorCount}, p99 at most {P99MaxMicroseconds / 1_000_000.0:F2} s; {end}");
    }

    private sealed record Second(int Index, long Offered, long Completed, long Errors, long P99Microseconds)
    {
        public bool Disturbed => Errors > 0 || P99Microseconds >= DisturbedP99Microseconds || (Offered > 0 && Completed == 0);

        public static Second Of(JsonElement e) => new(
            e.GetProperty("second").GetInt32(), e.GetProperty("offered").GetInt64(), e.GetProperty("completed").GetInt64(),
            e.GetProperty("errors").GetInt64(), e.GetProperty("p99Microseconds").GetInt64());
    }
}
