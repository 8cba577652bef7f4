using System.Net;

namespace Medisettle.Gateway.Tests.EndToEnd;

/// <summary>
/// <c>/admin/v1/jobs/daily-close/runs</c> on the shared host (its clock reads 2025-03-01 +08:00). The figures of a close
/// are tested exactly in Grains.Tests (DailyCloseSuite); here a day no test settles on, the API's answers and refusals.
/// </summary>
[Collection(SettlementHostCollection.Name)]
public sealed class JobsEndToEndTests(SettlementHost host)
{
    [Fact]
    public async Task A_run_closes_the_day_once_and_the_listing_shows_it()
    {
        var first = await host.AdminAsync(HttpMethod.Post, "/jobs/daily-close/runs", """{"period":"2025-01-15"}""");
        var second = await host.AdminAsync(HttpMethod.Post, "/jobs/daily-close/runs", """{"period":"2025-01-15"}""");
        var list = await host.AdminAsync(HttpMethod.Get, "/jobs/daily-close/runs?from=2025-01-01&to=2025-01-31");
        var none = await host.AdminAsync(HttpMethod.Get, "/jobs/daily-close/runs?from=2025-01-16&to=2025-01-31");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.False(first.Body["alreadyDone"]!.GetValue<bool>());
        Assert.Equal("daily-close:2025-01-15", first.Body["run"]!["period"]!.GetValue<string>());
        Assert.Equal(0, first.Body["run"]!["totals"]!["settlementCount"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.True(second.Body["alreadyDone"]!.GetValue<bool>());
        Assert.Equal(first.Body["run"]!.ToJsonString(), second.Body["run"]!.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Equal(["daily-close:2025-01-15"], list.Body.AsArray().Select(r => r!["period"]!.GetValue<string>()));
        Assert.Empty(none.Body.AsArray());
    }

    [Theory]
    [InlineData("""{"period":"2025-1-15"}""", "period '2025-1-15' must be a day as yyyy-MM-dd.")]
    [InlineData("""{"period":"daily-close:2025-01-15"}""", "period 'daily-close:2025-01-15' must be a day as yyyy-MM-dd.")]
    [InlineData("""{"period":"2025-02-30"}""", "period '2025-02-30' must be a day as yyyy-MM-dd.")]
    [InlineData("""{}""", "period '' must be a day as yyyy-MM-dd.")]
    [InlineData("""{"period":"2025-03-01"}""", "period 2025-03-01 has not ended (today is 2025-03-01); only a past day can be closed.")]
    [InlineData("""{"period":"2031-01-01"}""", "period 2031-01-01 has not ended (today is 2025-03-01); only a past day can be closed.")]
    public async Task A_bad_period_is_400_naming_it(string body, string detail)
    {
        var answer = await host.AdminAsync(HttpMethod.Post, "/jobs/daily-close/runs", body);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("Invalid period", answer.Body["title"]!.GetValue<string>());
        Assert.Equal(detail, answer.Body["detail"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"period":20250115}""")]
    [InlineData("""{"period":"2025-01-15","period":"2025-01-16"}""")]
    [InlineData("""[""")]
    public async Task A_body_that_is_not_strict_json_is_400(string body)
    {
        var answer = await host.AdminAsync(HttpMethod.Post, "/jobs/daily-close/runs", body);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("Invalid body", answer.Body["title"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("", "from '' and to '' must both be days as yyyy-MM-dd.")]
    [InlineData("?from=2025-01-01", "from '2025-01-01' and to '' must both be days as yyyy-MM-dd.")]
    [InlineData("?from=2025-01-02&to=2025-01-01", "from 2025-01-02 to 2025-01-01 must be 1 to 366 days, from not after to.")]
    [InlineData("?from=2024-01-01&to=2025-01-01", "from 2024-01-01 to 2025-01-01 must be 1 to 366 days, from not after to.")]
    [InlineData("?from=2025-01-01&to=2025-01-31&limit=5", "unknown query parameter 'limit'; known: from, to.")]
    [InlineData("?from=2025-01-01&from=2025-01-02&to=2025-01-31", "query parameter 'from' is given 2 times.")]
    public async Task A_bad_listing_query_is_400_naming_it(string query, string detail)
    {
        var answer = await host.AdminAsync(HttpMethod.Get, "/jobs/daily-close/runs" + query);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(detail, answer.Body["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_the_admin_token_a_run_is_401_and_nothing_runs()
    {
        var answer = await host.AdminAsync(HttpMethod.Post, "/jobs/daily-close/runs", """{"period":"2025-01-20"}""", token: null);
        var list = await host.AdminAsync(HttpMethod.Get, "/jobs/daily-close/runs?from=2025-01-20&to=2025-01-20");

        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Empty(list.Body.AsArray());
    }
}
