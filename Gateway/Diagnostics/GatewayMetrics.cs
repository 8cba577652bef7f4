using System.Diagnostics.Metrics;
using System.Globalization;
using Medisettle.Interfaces.Platform;

namespace Medisettle.Gateway.Diagnostics;

/// <summary>
/// The gateway's instruments on the <see cref="MeterName"/> meter (exported by OpenTelemetry: <c>/metrics</c>, OTLP):
/// requests by infno and outcome, latency per infno, refusals by infcode (the reason) and busy refusals
/// (<see cref="Infcodes.Unavailable"/>, <see cref="Infcodes.ReplayCacheFull"/>). Label values are bounded: known
/// infnos plus "unknown" (unrecognised code) and "none" (refused before the envelope was read); infcodes are the
/// documented ones. The same figures feed <see cref="RecentTraffic"/>, the operator page's window.
/// </summary>
internal sealed class GatewayMetrics
{
    public const string MeterName = "Medisettle";

    public const string NoInfno = "none";

    public const string UnknownInfno = "unknown";

    /// <summary>Histogram upper bounds in seconds.</summary>
    public static readonly IReadOnlyList<double> BucketBoundsSeconds = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _refusals;
    private readonly Counter<long> _busy;

    public GatewayMetrics(IMeterFactory meters, RecentTraffic recent)
    {
        ArgumentNullException.ThrowIfNull(meters);
        Recent = recent;
        var meter = meters.Create(MeterName);
        _requests = meter.CreateCounter<long>(
            "medisettle.gateway.requests", "{request}", "Platform requests answered, by infno and outcome.");
        _duration = meter.CreateHistogram(
            "medisettle.gateway.request.duration", "s", "Time from receiving a platform request to answering it.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = BucketBoundsSeconds });
        _refusals = meter.CreateCounter<long>(
            "medisettle.gateway.refusals", "{request}", "Requests answered with an infcode other than 0, by infno and infcode (the reason).");
        _busy = meter.CreateCounter<long>(
            "medisettle.gateway.busy_refusals", "{request}", "Requests refused because the cluster or the gateway was busy (infcode 9997 gateway busy, 9998 unavailable, 1107 replay cache full).");
    }

    /// <summary>The last minutes of traffic, for the operator page.</summary>
    public RecentTraffic Recent { get; }

    public static MetricOutcome OutcomeOf(int infcode) => infcode switch
    {
        Infcodes.Success => MetricOutcome.Success,
        Infcodes.InternalError => MetricOutcome.Error,
        >= 1101 and <= 1199 => MetricOutcome.Unauthorized,
        >= 1001 and <= 1099 => MetricOutcome.Invalid,
        _ => MetricOutcome.Rejected,
    };

    public static bool IsBusy(int infcode) => infcode is Infcodes.Unavailable or Infcodes.ReplayCacheFull or Infcodes.Busy;

    public static string OutcomeLabel(MetricOutcome outcome) => outcome.ToString().ToLowerInvariant();

    public void Record(string infnoLabel, int infcode, TimeSpan elapsed)
    {
        var infno = new KeyValuePair<string, object?>("infno", infnoLabel);
        var outcome = OutcomeOf(infcode);
        _requests.Add(1, infno, new KeyValuePair<string, object?>("outcome", OutcomeLabel(outcome)));
        _duration.Record(elapsed.TotalSeconds, infno);
        var code = infcode.ToString(CultureInfo.InvariantCulture);
        if (infcode != Infcodes.Success)
        {
            _refusals.Add(1, infno, new KeyValuePair<string, object?>("infcode", code));
        }

        if (IsBusy(infcode))
        {
            _busy.Add(1, new KeyValuePair<string, object?>("infcode", code));
        }

        Recent.Record(infnoLabel, infcode, elapsed);
    }
}
