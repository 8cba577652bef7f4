using System.Net;

namespace Medisettle.Gateway.Tests.EndToEnd;

/// <summary>
/// <c>/admin/v1/jobs/monthly-payout/...</c> on the shared host (its clock reads 2025-03-01 +08:00). The figures of a
/// payout are tested exactly in Grains.Tests (MonthlyPayoutSuite); here months no test settles in, the API's answers and
/// refusals.
/// </summary>
[Collection(SettlementHostCollection.Name)]
public sealed class MonthlyPayoutEndToEndTests(SettlementHost host)
{
    private const string Fund = "990001:UrbanResident:BasicPooled";

    [Fact]
    public async Task A_run_pays_the_month_once_and_the_listing_shows_it()
    {
        var first = await host.AdminAsync(HttpMethod.Post, "/jobs/monthly-payout/runs", """{"period":"2023-05"}""");
        var second = await host.AdminAsync(HttpMethod.Post, "/jobs/monthly-payout/runs", """{"period":"2023-05"}""");
        var list = await host.AdminAsync(HttpMethod.Get, "/jobs/monthly-payout/runs?from=2023-01&to=2023-05");
        var none = await host.AdminAsync(HttpMethod.Get, "/jobs/monthly-payout/runs?from=2023-06&to=2023-07");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.False(first.Body["alreadyDone"]!.GetValue<bool>());
        Assert.Equal(("monthly-payout:2023-05", "2023-05"), (first.Body["run"]!["period"]!.GetValue<string>(), first.Body["run"]!["month"]!.GetValue<string>()));
        Assert.True(second.Body["alreadyDone"]!.GetValue<bool>());
        Assert.Equal(first.Body["run"]!.ToJsonString(), second.Body["run"]!.ToJsonString());
        Assert.Equal(["monthly-payout:2023-05"], list.Body.AsArray().Select(r => r!["period"]!.GetValue<string>()));
        Assert.Empty(none.Body.AsArray());
    }

    [Fact]
    public async Task A_deduction_is_recorded_once_a_reused_id_and_a_paid_month_are_409()
    {
        var body = $$"""{"deductionId":"E2E-D1","institution":"H1","fund":"{{Fund}}","month":"2023-08","amountFen":12345,"reason":"review"}""";
        var recorded = await host.AdminAsync(HttpMethod.Post, "/jobs/monthly-payout/deductions", body);
        var again = await host.AdminAsync(HttpMethod.Post, "/jobs/monthly-payout/deductions", body);
        var conflict = await host.AdminAsync(HttpMethod.Post, "/jobs/monthly-payout/deductions", body.Replace("12345", "12346", StringComparison.Ordinal));
        var run = await host.AdminAsync(HttpMethod.Post, "/jobs/monthly-payout/runs", """{"period":"2023-08"}""");
        var late = await host.AdminAsync(HttpMethod.Post, "/jobs/monthly-payout/deductions", body.Replace("E2E-D1", "E2E-D2", StringComparison.Ordinal));

        Assert.Equal((HttpStatusCode.OK, "Recorded"), (recorded.Status, recorded.Body["outcome"]!.GetValue<string>()));
        Assert.Equal(12345, recorded.Body["deduction"]!["amount"]!.GetValue<long>());
        Assert.Equal((HttpStatusCode.OK, "AlreadyRecorded"), (again.Status, again.Body["outcome"]!.GetValue<string>()));
        Assert.Equal((HttpStatusCode.Conflict, "Deduction id in use"), (conflict.Status, conflict.Body["title"]!.GetValue<string>()));
        Assert.Equal(["E2E-D1"], run.Body["run"]!["deductionIds"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Equal((HttpStatusCode.Conflict, "Month already paid"), (late.Status, late.Body["title"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("""{"period":"2025-1"}""", "period '2025-1' must be a month as yyyy-MM.")]
    [InlineData("""{"period":"2025-01-15"}""", "period '2025-01-15' must be a month as yyyy-MM.")]
    [InlineData("""{"period":"2025-13"}""", "period '2025-13' must be a month as yyyy-MM.")]
    [InlineData("""{}""", "period '' must be a month as yyyy-MM.")]
    [InlineData("""{"period":"2025-03"}""", "period 2025-03 has not ended (this month is 2025-03); only a past month can be paid.")]
    public async Task A_bad_period_is_400_naming_it(string body, string detail)
    {
        var answer = await host.AdminAsync(HttpMethod.Post, "/jobs/monthly-payout/runs", body);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(detail, answer.Body["detail"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("E2E D3", "H1", Fund, "2023-09", 1, "deductionId 'E2E D3' must be 1 to 64 ASCII letters, digits, '-' or '_'.")]
    [InlineData("E2E-D3", "", Fund, "2023-09", 1, "institution (fixmedins_code) must not be empty.")]
    [InlineData("E2E-D3", "H1", "990001:Nobody:BasicPooled", "2023-09", 1, "fund '990001:Nobody:BasicPooled' must be a fund pool key region:scheme:fund, e.g. 220722:UrbanResident:BasicPooled.")]
    [InlineData("E2E-D3", "H1", Fund, "2023-9", 1, "month '2023-9' must be a month as yyyy-MM.")]
    [InlineData("E2E-D3", "H1", Fund, "2023-09", 0, "amountFen 0 must be 1 to 1000000000000.")]
    public async Task A_bad_deduction_is_400_naming_the_field(string id, string institution, string fund, string month, long fen, string detail)
    {
        var body = $$"""{"deductionId":"{{id}}","institution":"{{institution}}","fund":"{{fund}}","month":"{{month}}","amountFen":{{fen}},"reason":"review"}""";
        var answer = await host.AdminAsync(HttpMethod.Post, "/jobs/monthly-payout/deductions", body);

        Assert.Equal((HttpStatusCode.BadRequest, "Invalid deduction"), (answer.Status, answer.Body["title"]!.GetValue<string>()));
        Assert.Equal(detail, answer.Body["detail"]!.GetValue<string>());
    }
}
