using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Medisettle.Grains.Diagnostics;

namespace Medisettle.Grains.Tests.Settlement;

/// <summary>
/// Sums the measurements of the <see cref="SettlementMetrics.MeterName"/> meter's counters whose names start with a
/// prefix, by instrument and tags: keys read <c>name|key=value|…</c>, tags in key order. It hears every silo in the
/// process, so a test using it runs alone (<see cref="RejectionMetricsCollection"/>).
/// </summary>
internal sealed class MedisettleMeasurements : IDisposable
{
    private readonly ConcurrentDictionary<string, long> _sums = new();
    private readonly MeterListener _listener;

    public MedisettleMeasurements(string namePrefix)
    {
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == SettlementMetrics.MeterName && instrument.Name.StartsWith(namePrefix, StringComparison.Ordinal))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var key = instrument.Name + string.Concat(tags.ToArray().OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"|{t.Key}={t.Value}"));
            _sums.AddOrUpdate(key, value, (_, sum) => sum + value);
        });
        _listener.Start();
    }

    /// <summary>The sum so far under <paramref name="key"/> (0 when nothing was measured).</summary>
    public long this[string key] => _sums.GetValueOrDefault(key);

    /// <summary>Every sum so far, as a copy.</summary>
    public Dictionary<string, long> Sums => _sums.ToDictionary();

    public void Dispose() => _listener.Dispose();
}
