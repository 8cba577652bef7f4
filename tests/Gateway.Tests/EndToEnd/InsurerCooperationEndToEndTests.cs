using System.Net;

namespace Medisettle.Gateway.Tests.EndToEnd;

/// <summary>
/// The insurer cooperation's admin API on the shared host (its clock reads 2025-03-01 +08:00), with the shipped pack
/// JD-330182-2012 (建德, the seed's numbers) and no settlements in that region: the figures are tested exactly in
/// Grains.Tests (InsurerCooperationSuite); here the answers, refusals and bad input.
/// </summary>
[Collection(SettlementHostCollection.Name)]
public sealed class InsurerCooperationEndToEndTests(SettlementHost host)
{
    private const string Fund = "330182:MergedResident:BasicPooled";

    [Fact]
    public async Task A_year_is_agreed_run_month_by_month_and_settled_once_through_the_api()
    {
        var agreement = $$"""{"fund":"{{Fund}}","year":2024,"insuredPersons":1000}""";
        var recorded = await host.AdminAsync(HttpMethod.Post, "/insurer/agreements", agreement);
        var conflict = await host.AdminAsync(HttpMethod.Post, "/insurer/agreements", agreement.Replace("1000", "1001", StringComparison.Ordinal));
        var outOfOrder = await host.AdminAsync(HttpMethod.Post, "/jobs/insurer-cooperation/runs", """{"period":"2024-02"}""");
        var assessed = await host.AdminAsync(HttpMethod.Post, "/insurer/assessments",
            $$"""{"assessmentId":"E2E-IC1","fund":"{{Fund}}","year":2024,"kind":"Complaint","reason":"justified complaint"}""");
        var january = await host.AdminAsync(HttpMethod.Post, "/jobs/insurer-cooperation/runs", """{"period":"2024-01"}""");
        for (var month = 2; month <= 12; month++)
        {
            var run = await host.AdminAsync(HttpMethod.Post, "/jobs/insurer-cooperation/runs", $$"""{"period":"2024-{{month:D2}}"}""");
            Assert.Equal(HttpStatusCode.OK, run.Status);
        }

        var year = await host.AdminAsync(HttpMethod.Post, "/jobs/insurer-cooperation/runs", """{"period":"2024"}""");
        var yearAgain = await host.AdminAsync(HttpMethod.Post, "/jobs/insurer-cooperation/runs", """{"period":"2024"}""");
        var list = await host.AdminAsync(HttpMethod.Get, "/jobs/insurer-cooperation/runs?from=2024&to=2024");

        Assert.Equal((HttpStatusCode.OK, "Recorded"), (recorded.Status, recorded.Body["outcome"]!.GetValue<string>()));
        Assert.Equal((HttpStatusCode.Conflict, "Conflicting record"), (conflict.Status, conflict.Body["title"]!.GetValue<string>()));
        Assert.Equal((HttpStatusCode.Conflict, "Run refused", "2024-01 is not run; the months of a year run in order."),
            (outOfOrder.Status, outOfOrder.Body["title"]!.GetValue<string>(), outOfOrder.Body["detail"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, assessed.Status);
        // 1,000 persons: target 464,000 (1/12 = 38,666.67), so January's premium is the first premium 1,000,000.
        var line = january.Body["run"]!["months"]![0]!;
        Assert.Equal((46_400_000L, 1_000_000_000L, 100_000_000L), (line["target"]!.GetValue<long>(), line["riskFund"]!.GetValue<long>(), line["premium"]!.GetValue<long>()));
        // Result 1,000,000 (nothing claimed), capped at 100,000 for the bands: 45 % = 45,000, less one complaint 46.40.
        var settled = year.Body["run"]!["years"]![0]!;
        Assert.Equal((100_000_000L, 10_000_000L, 4_500_000L, 4_640L), (settled["result"]!.GetValue<long>(), settled["bandCap"]!.GetValue<long>(), settled["share"]!.GetValue<long>(), settled["deductions"]!.GetValue<long>()));
        Assert.True(yearAgain.Body["alreadyDone"]!.GetValue<bool>());
        Assert.Equal(13, list.Body.AsArray().Count);
        Assert.Equal("insurer-cooperation:2024", list.Body.AsArray()[^1]!["period"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/jobs/insurer-cooperation/runs", """{"period":"24"}""", "Invalid period", "period '24' must be a month as yyyy-MM or a year as yyyy.")]
    [InlineData("/jobs/insurer-cooperation/runs", """{"period":"2025-03"}""", "Invalid period", "period 2025-03 has not ended (this month is 2025-03); only a past month can be run.")]
    [InlineData("/jobs/insurer-cooperation/runs", """{"period":"2025"}""", "Invalid period", "period 2025 has not ended (this year is 2025); only a past year can be settled.")]
    [InlineData("/insurer/agreements", """{"fund":"330182:MergedResident:RiskReserve","year":2024,"insuredPersons":1}""", "Invalid agreement", "fund '330182:MergedResident:RiskReserve' must be a pooled fund, region:scheme:BasicPooled.")]
    [InlineData("/insurer/agreements", """{"fund":"330182","year":2024,"insuredPersons":1}""", "Invalid agreement", "fund '330182' must be a fund pool key region:scheme:BasicPooled, e.g. 330182:MergedResident:BasicPooled.")]
    [InlineData("/insurer/agreements", """{"fund":"330182:MergedResident:BasicPooled","year":2024,"insuredPersons":0}""", "Invalid agreement", "insuredPersons 0 must be 1 to 100000000.")]
    [InlineData("/insurer/agreements", """{"fund":"330182:MergedResident:BasicPooled","year":24,"insuredPersons":5}""", "Invalid agreement", "year 24 must be 1900 to 9998.")]
    [InlineData("/insurer/assessments", """{"assessmentId":"a b","fund":"330182:MergedResident:BasicPooled","year":2024,"kind":"Complaint","reason":"r"}""", "Invalid assessment", "assessmentId 'a b' must be 1 to 64 ASCII letters, digits, '-' or '_'.")]
    [InlineData("/insurer/assessments", """{"assessmentId":"E2E-X","fund":"330182:MergedResident:BasicPooled","year":2024,"kind":"complaint","reason":"r"}""", "Invalid assessment", "kind 'complaint' must be Complaint or MissedWarning.")]
    [InlineData("/insurer/assessments", """{"assessmentId":"E2E-X","fund":"330182:MergedResident:BasicPooled","year":2024,"kind":"Complaint","reason":" "}""", "Invalid assessment", "reason must be 1 to 200 characters, not blank.")]
    public async Task Bad_input_is_400_naming_the_field(string path, string body, string title, string detail)
    {
        var answer = await host.AdminAsync(HttpMethod.Post, path, body);

        Assert.Equal((HttpStatusCode.BadRequest, title, detail), (answer.Status, answer.Body["title"]!.GetValue<string>(), answer.Body["detail"]!.GetValue<string>()));
    }
}
