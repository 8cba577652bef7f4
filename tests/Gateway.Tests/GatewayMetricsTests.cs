using System.Diagnostics.Metrics;
using Medisettle.Gateway.Diagnostics;
using Medisettle.Interfaces.Platform;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Medisettle.Gateway.Tests;

public sealed class GatewayMetricsTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly MeterListener _listener = new();
    private readonly List<(string Instrument, double Value, string Tags)> _measurements = [];
    private readonly GatewayMetrics _metrics;

    public GatewayMetricsTests()
    {
        var factory = _services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == factory)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
        _metrics = new GatewayMetrics(factory, new RecentTraffic(new FakeTimeProvider()));
    }

    [Theory]
    [InlineData(0, "Success")]
    [InlineData(-1, "Rejected")]
    [InlineData(2001, "Rejected")]
    [InlineData(1001, "Invalid")]
    [InlineData(1103, "Unauthorized")]
    [InlineData(9999, "Error")]
    public void Infcode_maps_to_an_outcome_label(int infcode, string outcome)
    {
        Assert.Equal(outcome, GatewayMetrics.OutcomeOf(infcode).ToString());
    }

    [Fact]
    public void A_success_is_a_request_and_a_latency_in_seconds_and_no_refusal()
    {
        _metrics.Record("2207", Infcodes.Success, TimeSpan.FromMilliseconds(2.5));

        Assert.Equal(
            [("medisettle.gateway.requests", 1, "infno=2207,outcome=success"), ("medisettle.gateway.request.duration", 0.0025, "infno=2207")],
            _measurements);
    }

    [Theory]
    [InlineData(Infcodes.Unavailable, "9998")]
    [InlineData(Infcodes.ReplayCacheFull, "1107")]
    public void A_busy_refusal_counts_as_a_refusal_with_its_infcode_and_as_busy(int infcode, string code)
    {
        _metrics.Record("none", infcode, TimeSpan.Zero);

        Assert.Contains(("medisettle.gateway.refusals", 1, $"infcode={code},infno=none"), _measurements);
        Assert.Contains(("medisettle.gateway.busy_refusals", 1, $"infcode={code}"), _measurements);
    }

    [Fact]
    public void A_business_rejection_is_a_refusal_but_not_busy()
    {
        _metrics.Record("2207", 2001, TimeSpan.Zero);

        Assert.Contains(("medisettle.gateway.refusals", 1, "infcode=2001,infno=2207"), _measurements);
        Assert.DoesNotContain(_measurements, m => m.Instrument == "medisettle.gateway.busy_refusals");
    }

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
    }

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = string.Join(",", tags.ToArray().OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"));
        lock (_measurements)
        {
            _measurements.Add((instrument.Name, value, labels));
        }
    }
}
