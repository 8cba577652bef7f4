using System.Net;
using System.Text.Json;

namespace Medisettle.Gateway.Tests;

public sealed class ObservabilityTests
{
    [Fact]
    public async Task Health_endpoint_reports_healthy()
    {
        await using var gateway = await TestGateway.StartAsync();

        using var response = await gateway.Client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_count_requests_by_infno_and_outcome()
    {
        await using var gateway = await TestGateway.StartAsync();
        await gateway.PostSignedAsync(TestGateway.Envelope("9001", TestGateway.SignInInput(), msgid: "M1"));
        await gateway.PostSignedAsync(TestGateway.Envelope("9001", TestGateway.SignInInput(), msgid: "M2"));
        await gateway.PostSignedAsync(TestGateway.Envelope("2207", Samples.SettlementInput()));
        await gateway.PostSignedAsync(TestGateway.Bytes(TestGateway.Envelope("9001", TestGateway.SignInInput())), secret: "wrong-secret-0123456789abcdef");

        var text = await gateway.Client.GetStringAsync("/metrics");

        Assert.Contains("medisettle_gateway_requests_total{infno=\"9001\",outcome=\"success\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("medisettle_gateway_requests_total{infno=\"2207\",outcome=\"rejected\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("medisettle_gateway_requests_total{infno=\"none\",outcome=\"unauthorized\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("medisettle_gateway_request_duration_seconds_bucket{infno=\"9001\",le=\"0.001\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("medisettle_gateway_request_duration_seconds_bucket{infno=\"9001\",le=\"+Inf\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("medisettle_gateway_request_duration_seconds_count{infno=\"9001\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE medisettle_gateway_request_duration_seconds histogram\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_document_describes_the_admin_api_only()
    {
        await using var gateway = await TestGateway.StartAsync();

        using var response = await gateway.Client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["/admin/v1/transactions"], paths);
    }
}
