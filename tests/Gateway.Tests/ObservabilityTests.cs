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
        await using var gateway = await TestGateway.StartAsync(services: s => s.AddMedisettleTelemetry("test"));
        await gateway.PostSignedAsync(TestGateway.Envelope("9001", TestGateway.SignInInput(), msgid: "M1"));
        await gateway.PostSignedAsync(TestGateway.Envelope("9001", TestGateway.SignInInput(), msgid: "M2"));
        await gateway.PostSignedAsync(TestGateway.Envelope("2207", Samples.SettlementInput()));
        await gateway.PostSignedAsync(TestGateway.Bytes(TestGateway.Envelope("9001", TestGateway.SignInInput())), secret: "wrong-secret-0123456789abcdef");

        var text = await gateway.Client.GetStringAsync("/metrics");

        Assert.Contains(Ours("medisettle_gateway_requests_total", "infno=\"9001\",outcome=\"success\"} 2"), text, StringComparison.Ordinal);
        Assert.Contains(Ours("medisettle_gateway_requests_total", "infno=\"2207\",outcome=\"rejected\"} 1"), text, StringComparison.Ordinal);
        Assert.Contains(Ours("medisettle_gateway_requests_total", "infno=\"none\",outcome=\"unauthorized\"} 1"), text, StringComparison.Ordinal);
        Assert.Contains(Ours("medisettle_gateway_refusals_total", "infcode=\"-1\",infno=\"2207\"} 1"), text, StringComparison.Ordinal);
        Assert.Contains(Ours("medisettle_gateway_refusals_total", "infcode=\"1103\",infno=\"none\"} 1"), text, StringComparison.Ordinal);
        Assert.Contains(Ours("medisettle_gateway_request_duration_seconds_bucket", "infno=\"9001\",le=\"0.001\"} 2"), text, StringComparison.Ordinal);
        Assert.Contains(Ours("medisettle_gateway_request_duration_seconds_bucket", "infno=\"9001\",le=\"+Inf\"} 2"), text, StringComparison.Ordinal);
        Assert.Contains(Ours("medisettle_gateway_request_duration_seconds_count", "infno=\"9001\"} 2"), text, StringComparison.Ordinal);
        Assert.Contains("# TYPE medisettle_gateway_request_duration_seconds histogram\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("medisettle_gateway_busy_refusals_total{", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_also_export_the_aspnetcore_and_runtime_meters()
    {
        await using var gateway = await TestGateway.StartAsync(services: s => s.AddMedisettleTelemetry("test"));
        await gateway.PostSignedAsync(TestGateway.Envelope("9001", TestGateway.SignInInput(), msgid: "M1"));

        var text = await gateway.Client.GetStringAsync("/metrics");

        Assert.Contains("# TYPE http_server_request_duration_seconds histogram\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE dotnet_gc_pause_time_seconds_total counter\n", text, StringComparison.Ordinal);
        Assert.Contains("target_info{service_name=\"test\",", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_of_one_gateway_do_not_count_the_requests_of_another_in_the_same_process()
    {
        await using var counted = await TestGateway.StartAsync(services: s => s.AddMedisettleTelemetry("test"));
        await using var idle = await TestGateway.StartAsync(services: s => s.AddMedisettleTelemetry("test"));
        await counted.PostSignedAsync(TestGateway.Envelope("9001", TestGateway.SignInInput(), msgid: "M1"));

        var countedText = await counted.Client.GetStringAsync("/metrics");
        var idleText = await idle.Client.GetStringAsync("/metrics");

        Assert.Contains(Ours("medisettle_gateway_requests_total", "infno=\"9001\",outcome=\"success\"} 1"), countedText, StringComparison.Ordinal);
        Assert.DoesNotContain("medisettle_gateway_requests_total{", idleText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_telemetry_registered_there_is_no_metrics_endpoint()
    {
        await using var gateway = await TestGateway.StartAsync();

        using var response = await gateway.Client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static string Ours(string metric, string labels) => metric + "{otel_scope_name=\"Medisettle\"," + labels + "\n";

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
