using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Medisettle.Gateway.Admin;

namespace Medisettle.Gateway.Tests;

public sealed class AdminTests
{
    private static async Task<HttpResponseMessage> GetTransactionsAsync(TestGateway gateway, string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/v1/transactions");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await gateway.Client.SendAsync(request);
    }

    [Fact]
    public async Task Admin_request_without_a_token_gets_401_problem_details()
    {
        await using var gateway = await TestGateway.StartAsync();

        using var response = await GetTransactionsAsync(gateway, null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Admin credential required", problem.RootElement.GetProperty("title").GetString());
        Assert.Equal(401, problem.RootElement.GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("Bearer wrong-token")]
    [InlineData("Bearer admin-token-0123456789abcdef012345678")]
    [InlineData("Bearer admin-token-0123456789abcdef01234567890")]
    public async Task Admin_request_with_a_wrong_token_gets_401_problem_details(string authorization)
    {
        await using var gateway = await TestGateway.StartAsync();

        using var response = await GetTransactionsAsync(gateway, authorization);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Admin credential rejected", problem.RootElement.GetProperty("title").GetString());
        Assert.Equal("The bearer token is not the configured admin token.", problem.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Admin_request_with_the_token_lists_transactions_and_their_availability()
    {
        await using var gateway = await TestGateway.StartAsync();

        using var response = await GetTransactionsAsync(gateway, "Bearer " + TestGateway.AdminToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var list = await response.Content.ReadFromJsonAsync<List<TransactionAvailability>>();
        Assert.Equal(22, list!.Count);
        Assert.Equal(new TransactionAvailability("9001", "签到 sign-in", true), list.Single(t => t.Infno == "9001"));
        Assert.Equal(new TransactionAvailability("2207", "门诊结算 outpatient settlement", false), list.Single(t => t.Infno == "2207"));
        Assert.Equal(["9001"], list.Where(t => t.Available).Select(t => t.Infno));
    }

    [Fact]
    public async Task Endpoints_added_to_the_admin_group_require_the_token()
    {
        await using var gateway = await TestGateway.StartAsync(map: app => app.MapGatewayAdmin().MapGet("/ping", () => "pong"));

        using var refused = await gateway.Client.GetAsync("/admin/v1/ping");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/v1/ping");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestGateway.AdminToken);
        using var accepted = await gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("pong", await accepted.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("silo")]
    [InlineData("stale")]
    [InlineData("timeout")]
    public async Task An_admin_request_caught_by_a_failing_over_cluster_is_503_with_retry_after_not_500(string kind)
    {
        Exception failure = kind switch
        {
            "silo" => new Orleans.Runtime.SiloUnavailableException(),
            "stale" => new Orleans.Storage.InconsistentStateException("version conflict"),
            _ => new TimeoutException("response timed out"),
        };
        await using var gateway = await TestGateway.StartAsync(map: app => app.MapGatewayAdmin().MapGet("/audit-like", string () => throw failure));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/v1/audit-like");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestGateway.AdminToken);

        using var response = await gateway.Client.SendAsync(request);
        var problem = await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("1", response.Headers.RetryAfter?.ToString());
        Assert.Equal("Cluster busy or failing over", problem!.Title);
    }

    [Fact]
    public async Task An_admin_request_failing_for_any_other_reason_is_not_turned_into_a_retry()
    {
        await using var gateway = await TestGateway.StartAsync(map: app => app.MapGatewayAdmin().MapGet("/bug", string () => throw new InvalidOperationException("bug")));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/v1/bug");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestGateway.AdminToken);

        // The test server hands an unhandled exception to the caller (a real server answers 500): it went through untouched.
        var failure = await Record.ExceptionAsync(() => gateway.Client.SendAsync(request));

        Assert.Equal("bug", Assert.IsType<InvalidOperationException>(failure).Message);
    }
}
