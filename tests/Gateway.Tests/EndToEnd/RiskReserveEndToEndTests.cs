using System.Net;

namespace Medisettle.Gateway.Tests.EndToEnd;

/// <summary>
/// <c>/admin/v1/jobs/risk-reserve/runs</c> and <c>/admin/v1/funds/income</c> on the shared host (its clock reads
/// 2025-03-01 +08:00). The figures are tested exactly in Grains.Tests (RiskReserveSuite); here a fund of pack P2 in a year
/// no other test uses, the API's answers and refusals.
/// </summary>
[Collection(SettlementHostCollection.Name)]
public sealed class RiskReserveEndToEndTests(SettlementHost host)
{
    [Fact]
    public async Task Income_is_recorded_once_the_year_runs_once_and_its_income_is_then_fixed()
    {
        var body = """{"incomeId":"E2E-I1","fund":"220722:UrbanResident:BasicPooled","year":2019,"amountFen":10000000,"reason":"premiums"}""";
        var recorded = await host.AdminAsync(HttpMethod.Post, "/funds/income", body);
        var again = await host.AdminAsync(HttpMethod.Post, "/funds/income", body);
        var conflict = await host.AdminAsync(HttpMethod.Post, "/funds/income", body.Replace("10000000", "10000001", StringComparison.Ordinal));
        var first = await host.AdminAsync(HttpMethod.Post, "/jobs/risk-reserve/runs", """{"period":"2019"}""");
        var second = await host.AdminAsync(HttpMethod.Post, "/jobs/risk-reserve/runs", """{"period":"2019"}""");
        var closed = await host.AdminAsync(HttpMethod.Post, "/funds/income", body.Replace("E2E-I1", "E2E-I2", StringComparison.Ordinal));
        var list = await host.AdminAsync(HttpMethod.Get, "/jobs/risk-reserve/runs?from=2019&to=2019");

        Assert.Equal((HttpStatusCode.OK, "Recorded"), (recorded.Status, recorded.Body["outcome"]!.GetValue<string>()));
        Assert.Equal((HttpStatusCode.OK, "AlreadyRecorded"), (again.Status, again.Body["outcome"]!.GetValue<string>()));
        Assert.Equal((HttpStatusCode.Conflict, "Income id in use"), (conflict.Status, conflict.Body["title"]!.GetValue<string>()));
        Assert.False(first.Body["alreadyDone"]!.GetValue<bool>());
        var line = first.Body["run"]!["lines"]!.AsArray().Single(l => l!["fund"]!.GetValue<string>() == "220722:UrbanResident:BasicPooled")!;
        Assert.Equal(300_000, line["setAside"]!.GetValue<long>()); // 3 % of 100,000.00: 3,000.00 (nothing spent, the cap is 15,000.00)
        Assert.True(second.Body["alreadyDone"]!.GetValue<bool>());
        Assert.Equal((HttpStatusCode.Conflict, "Year closed"), (closed.Status, closed.Body["title"]!.GetValue<string>()));
        Assert.Equal(["risk-reserve:2019"], list.Body.AsArray().Select(r => r!["period"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("""{"period":"19"}""", "period '19' must be a year as yyyy.")]
    [InlineData("""{"period":"2019-01"}""", "period '2019-01' must be a year as yyyy.")]
    [InlineData("""{"period":"2025"}""", "period 2025 has not ended (this year is 2025); only a past year can be closed.")]
    public async Task A_bad_period_is_400_naming_it(string body, string detail)
    {
        var answer = await host.AdminAsync(HttpMethod.Post, "/jobs/risk-reserve/runs", body);

        Assert.Equal((HttpStatusCode.BadRequest, detail), (answer.Status, answer.Body["detail"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("""{"incomeId":"a b","fund":"220722:UrbanResident:BasicPooled","year":2019,"amountFen":1,"reason":"r"}""", "incomeId 'a b' must be 1 to 64 ASCII letters, digits, '-' or '_'.")]
    [InlineData("""{"incomeId":"E2E-I3","fund":"220722","year":2019,"amountFen":1,"reason":"r"}""", "fund '220722' must be a fund pool key region:scheme:fund, e.g. 220722:UrbanResident:BasicPooled.")]
    [InlineData("""{"incomeId":"E2E-I3","fund":"220722:UrbanResident:BasicPooled","year":19,"amountFen":1,"reason":"r"}""", "year 19 must be 1900 to 9998.")]
    [InlineData("""{"incomeId":"E2E-I3","fund":"220722:UrbanResident:BasicPooled","year":2019,"amountFen":0,"reason":"r"}""", "amountFen 0 must be 1 to 100000000000000.")]
    [InlineData("""{"incomeId":"E2E-I3","fund":"220722:UrbanResident:BasicPooled","year":2019,"amountFen":1,"reason":" "}""", "reason must be 1 to 200 characters, not blank.")]
    public async Task A_bad_income_is_400_naming_the_field(string body, string detail)
    {
        var answer = await host.AdminAsync(HttpMethod.Post, "/funds/income", body);

        Assert.Equal((HttpStatusCode.BadRequest, "Invalid income", detail), (answer.Status, answer.Body["title"]!.GetValue<string>(), answer.Body["detail"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Secondary_compensation_of_a_year_runs_once_and_the_listing_shows_it()
    {
        // 孝昌 (pack XC-420921-2013): no reserve rule there, so it runs at once; income 100,000.00, nothing spent, nobody entitled.
        await host.AdminAsync(HttpMethod.Post, "/funds/income", """{"incomeId":"E2E-XC1","fund":"420921:Employee:BasicPooled","year":2018,"amountFen":10000000,"reason":"premiums"}""");
        var first = await host.AdminAsync(HttpMethod.Post, "/jobs/secondary-compensation/runs", """{"period":"2018"}""");
        var second = await host.AdminAsync(HttpMethod.Post, "/jobs/secondary-compensation/runs", """{"period":"2018"}""");
        var list = await host.AdminAsync(HttpMethod.Get, "/jobs/secondary-compensation/runs?from=2018&to=2018");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        var fund = first.Body["run"]!["funds"]!.AsArray().Single(f => f!["fund"]!.GetValue<string>() == "420921:Employee:BasicPooled")!;
        Assert.Equal((9_000_000L, 0L), (fund["available"]!.GetValue<long>(), fund["paid"]!.GetValue<long>()));
        Assert.True(second.Body["alreadyDone"]!.GetValue<bool>());
        Assert.Equal(["secondary-compensation:2018"], list.Body.AsArray().Select(r => r!["period"]!.GetValue<string>()));
    }
}
