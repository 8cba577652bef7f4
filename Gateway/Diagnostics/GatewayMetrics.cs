using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Medisettle.Interfaces.Platform;

namespace Medisettle.Gateway.Diagnostics;

/// <summary>
/// Request counts by infno and outcome and a latency histogram per infno, rendered as Prometheus
/// text. Label values are bounded: known infnos plus "unknown" (unrecognised code) and "none"
/// (refused before the envelope was read).
/// </summary>
internal sealed class GatewayMetrics
{
    public const string NoInfno = "none";

    public const string UnknownInfno = "unknown";

    /// <summary>Histogram upper bounds in seconds.</summary>
    public static readonly double[] BucketBoundsSeconds = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    private static readonly MetricOutcome[] Outcomes = Enum.GetValues<MetricOutcome>();

    private readonly ConcurrentDictionary<string, InfnoSeries> _series = new(StringComparer.Ordinal);

    public static MetricOutcome OutcomeOf(int infcode) => infcode switch
    {
        Infcodes.Success => MetricOutcome.Success,
        Infcodes.InternalError => MetricOutcome.Error,
        >= 1101 and <= 1199 => MetricOutcome.Unauthorized,
        >= 1001 and <= 1099 => MetricOutcome.Invalid,
        _ => MetricOutcome.Rejected,
    };

    public void Record(string infnoLabel, int infcode, TimeSpan elapsed)
    {
        var entry = _series.GetOrAdd(infnoLabel, _ => new InfnoSeries());
        Interlocked.Increment(ref entry.Outcomes[(int)OutcomeOf(infcode)]);
        var seconds = elapsed.TotalSeconds;
        var bucket = Array.FindIndex(BucketBoundsSeconds, bound => seconds <= bound);
        Interlocked.Increment(ref entry.Buckets[bucket < 0 ? BucketBoundsSeconds.Length : bucket]);
        Interlocked.Add(ref entry.SumMicroseconds, (long)(elapsed.Ticks / (TimeSpan.TicksPerMillisecond / 1000)));
    }

    public string Render()
    {
        var text = new StringBuilder();
        var ordered = _series.OrderBy(pair => pair.Key, StringComparer.Ordinal).ToList();
        text.Append("# HELP medisettle_gateway_requests_total Platform requests answered, by infno and outcome.\n");
        text.Append("# TYPE medisettle_gateway_requests_total counter\n");
        foreach (var (infno, entry) in ordered)
        {
            foreach (var outcome in Outcomes)
            {
                var count = Interlocked.Read(ref entry.Outcomes[(int)outcome]);
                if (count > 0)
                {
                    text.Append(CultureInfo.InvariantCulture,
                        $"medisettle_gateway_requests_total{{infno=\"{infno}\",outcome=\"{outcome.ToString().ToLowerInvariant()}\"}} {count}\n");
                }
            }
        }

        text.Append("# HELP medisettle_gateway_request_duration_seconds Time from receiving a platform request to answering it.\n");
        text.Append("# TYPE medisettle_gateway_request_duration_seconds histogram\n");
        foreach (var (infno, entry) in ordered)
        {
            AppendHistogram(text, infno, entry);
        }

        return text.ToString();
    }

    private static void AppendHistogram(StringBuilder text, string infno, InfnoSeries entry)
    {
        long cumulative = 0;
        for (var i = 0; i <= BucketBoundsSeconds.Length; i++)
        {
            cumulative += Interlocked.Read(ref entry.Buckets[i]);
            var bound = i < BucketBoundsSeconds.Length ? BucketBoundsSeconds[i].ToString(CultureInfo.InvariantCulture) : "+Inf";
            text.Append(CultureInfo.InvariantCulture, $"medisettle_gateway_request_duration_seconds_bucket{{infno=\"{infno}\",le=\"{bound}\"}} {cumulative}\n");
        }

        var sumSeconds = Interlocked.Read(ref entry.SumMicroseconds) / 1_000_000d;
        text.Append(CultureInfo.InvariantCulture, $"medisettle_gateway_request_duration_seconds_sum{{infno=\"{infno}\"}} {sumSeconds}\n");
        text.Append(CultureInfo.InvariantCulture, $"medisettle_gateway_request_duration_seconds_count{{infno=\"{infno}\"}} {cumulative}\n");
    }

    private sealed class InfnoSeries
    {
        public readonly long[] Outcomes = new long[GatewayMetrics.Outcomes.Length];
        public readonly long[] Buckets = new long[BucketBoundsSeconds.Length + 1];
        public long SumMicroseconds;
    }
}
