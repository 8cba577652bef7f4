using Medisettle.Gateway.Diagnostics;
using Medisettle.Interfaces.Platform;

namespace Medisettle.Gateway.Tests;

public sealed class GatewayMetricsTests
{
    [Theory]
    [InlineData(1, "0.001", 1)]
    [InlineData(2, "0.001", 0)]
    [InlineData(2, "0.0025", 1)]
    [InlineData(6000, "5", 0)]
    [InlineData(6000, "+Inf", 1)]
    public void Latency_falls_into_cumulative_buckets(int milliseconds, string bucket, int expected)
    {
        var metrics = new GatewayMetrics();

        metrics.Record("9001", Infcodes.Success, TimeSpan.FromMilliseconds(milliseconds));

        Assert.Contains($"medisettle_gateway_request_duration_seconds_bucket{{infno=\"9001\",le=\"{bucket}\"}} {expected}\n", metrics.Render(), StringComparison.Ordinal);
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
}
