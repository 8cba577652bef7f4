using System.Net;
using Medisettle.Grains.Demo;
using Medisettle.Interfaces.Settlement;

namespace Medisettle.Gateway.Tests.EndToEnd;

/// <summary>
/// Control rules through the gateway on real grains (pack P0): flags in warn_msg, refusals with their documented
/// err_msg, and the review queue of the admin API (list, confirm once, dismiss, strict input).
/// </summary>
public sealed class ControlRulesEndToEndTests(SettlementHost host) : IClassFixture<SettlementHost>
{
    private static readonly string ThirdPharmacy = DemoData.InstitutionCode(5);

    [Fact]
    public async Task A_duplicate_purchase_at_another_pharmacy_is_settled_with_the_flag_in_warn_msg_and_a_retry_answers_it_again()
    {
        var psn = await host.EnrolAsync(Scheme.Employee, PersonCategory.Employed, accountYuan: 100m);
        var first = await host.CallAsync("2102", Inputs.Pharmacy(psn, 10m, Inputs.Drug(10m)), SettlementHost.Pharmacy);
        var pre = await host.CallAsync("2101", Inputs.Pharmacy(psn, 10m, Inputs.Drug(10m)), SettlementHost.OtherPharmacy);
        var msgid = host.NewMsgid(SettlementHost.OtherPharmacy);
        var second = await host.CallAsync("2102", Inputs.Pharmacy(psn, 10m, Inputs.Drug(10m)), SettlementHost.OtherPharmacy, msgid);
        var retry = await host.CallAsync("2102", Inputs.Pharmacy(psn, 10m, Inputs.Drug(10m)), SettlementHost.OtherPharmacy, msgid);

        var firstSetl = first.Text("setl_id");
        var secondSetl = second.Text("setl_id");
        var evidence = $"XA01ABC001 was bought on 2025-03-01 at {SettlementHost.Pharmacy} ({firstSetl}) with 7 days of supply, running through 2025-03-07";
        Assert.Null(first.Body["warn_msg"]);
        Assert.Equal($"would be flagged for review: DuplicatePurchase: {evidence}", pre.Body["warn_msg"]!.GetValue<string>());
        Assert.Equal(0, second.Infcode);
        Assert.Equal($"flagged for review: DuplicatePurchase (flag {secondSetl}-DuplicatePurchase): {evidence}", second.Body["warn_msg"]!.GetValue<string>());
        Assert.Equal(secondSetl, retry.Text("setl_id"));
        Assert.Equal(second.Body["warn_msg"]!.GetValue<string>(), retry.Body["warn_msg"]!.GetValue<string>());
        var listed = await host.AdminAsync(HttpMethod.Get, $"/flags?person={psn}");
        var flag = Assert.Single(listed.Body["flags"]!.AsArray())!;
        Assert.Equal($"{secondSetl}-DuplicatePurchase", flag["flag"]!["flagId"]!.GetValue<string>());
        Assert.Equal("Open", flag["status"]!.GetValue<string>());
        Assert.Equal(SettlementHost.OtherPharmacy, flag["flag"]!["institutionCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task Confirming_a_flag_through_the_admin_api_deducts_the_pharmacy_s_points_once()
    {
        var psn = await host.EnrolAsync(Scheme.Employee, PersonCategory.Employed, accountYuan: 100m);
        var msgid = host.NewMsgid(ThirdPharmacy);
        var refused = await host.CallAsync("2102", Inputs.Pharmacy(psn, 40m, Inputs.Drug(40m, listType: "903")), ThirdPharmacy, msgid);
        var flagId = $"{ThirdPharmacy}-{msgid}-NonInsuredGoods";
        var before = (await host.AdminAsync(HttpMethod.Get, $"/institutions/{ThirdPharmacy}")).Body["pointsDeducted"]!.GetValue<int>();

        var confirmed = await host.AdminAsync(HttpMethod.Post, $"/flags/{flagId}/confirm", """{"points":2,"reason":"food sold on the card"}""");
        var again = await host.AdminAsync(HttpMethod.Post, $"/flags/{flagId}/confirm", """{"points":2,"reason":"sent twice"}""");
        var dismissed = await host.AdminAsync(HttpMethod.Post, $"/flags/{flagId}/dismiss", """{"reason":"too late"}""");
        var read = await host.AdminAsync(HttpMethod.Get, $"/flags/{flagId}");
        var after = (await host.AdminAsync(HttpMethod.Get, $"/institutions/{ThirdPharmacy}")).Body["pointsDeducted"]!.GetValue<int>();

        Assert.Equal(-1, refused.Infcode);
        Assert.StartsWith("NonInsuredGoods: line XA01ABC001 'D1' is Food, which the personal account may not buy on Pharmacy (pack P0-990001-employee); flagged for review as ", refused.ErrMsg, StringComparison.Ordinal);
        Assert.EndsWith(flagId, refused.ErrMsg, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, confirmed.Status);
        Assert.Equal(("Confirmed", true, 2), (confirmed.Body["status"]!.GetValue<string>(), confirmed.Body["pointsDeducted"]!.GetValue<bool>(), confirmed.Body["resolution"]!["points"]!.GetValue<int>()));
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal("food sold on the card", again.Body["resolution"]!["reason"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, dismissed.Status);
        Assert.StartsWith($"Flag {flagId} was already confirmed at ", dismissed.Body["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Confirmed", read.Body["status"]!.GetValue<string>());
        Assert.Equal(before + 2, after);
    }

    [Fact]
    public async Task The_eleventh_swipe_at_three_pharmacies_within_a_day_is_refused_for_velocity()
    {
        var psn = await host.EnrolAsync(Scheme.Employee, PersonCategory.Employed, accountYuan: 1_000m);
        string[] pharmacies = [SettlementHost.Pharmacy, SettlementHost.OtherPharmacy, ThirdPharmacy];
        var answers = new List<Answer>();
        for (var i = 0; i < 11; i++)
        {
            var drug = Inputs.Drug(10m);
            drug["med_list_codg"] = $"XV{i:D8}";
            answers.Add(await host.CallAsync("2102", Inputs.Pharmacy(psn, 10m, drug), pharmacies[i % 3]));
        }

        Assert.All(answers.Take(4), a => Assert.Null(a.Body["warn_msg"]));
        Assert.All(answers.Skip(4).Take(6), a => Assert.StartsWith("flagged for review: PersonVelocity (flag ", a.Body["warn_msg"]!.GetValue<string>(), StringComparison.Ordinal));
        var refused = answers[10];
        Assert.Equal(-1, refused.Infcode);
        Assert.StartsWith(
            "PersonVelocity: 11 settled swipes (Pharmacy, Outpatient) at 3 institutions within 1440 minutes, this one included; controls.velocity flags above 4 and refuses above 10 swipes at more than 2 institutions (pack P0-990001-employee); flagged for review as ",
            refused.ErrMsg, StringComparison.Ordinal);
        var flags = await host.AdminAsync(HttpMethod.Get, $"/flags?person={psn}&rule=personvelocity&limit=1000");
        Assert.Equal(7, flags.Body["flags"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("?status=pending", "status 'pending' must be open, confirmed or dismissed.")]
    [InlineData("?status=1", "status '1' must be open, confirmed or dismissed.")]
    [InlineData("?limit=0", "limit '0' must be 1–1000.")]
    [InlineData("?limit=1001", "limit '1001' must be 1–1000.")]
    [InlineData("?after=-1", "after '-1' must be a journal sequence (a whole number ≥ 0).")]
    [InlineData("?rule=Speeding", "rule 'Speeding' must be one of LongPrescription, NonInsuredGoods, ItemSwapping, DuplicatePurchase, PersonVelocity, AgreedDiseaseRatio.")]
    [InlineData("?institution=../x", "institution must be 1 to 30 ASCII letters or digits; character 1 is U+002E.")]
    [InlineData("?sort=asc", "unknown query parameter 'sort'; known: status, institution, person, rule, after, limit.")]
    [InlineData("?limit=1&limit=2", "query parameter 'limit' is given 2 times; give it once.")]
    public async Task A_bad_flag_query_is_a_400_naming_the_parameter(string query, string detail)
    {
        var answer = await host.AdminAsync(HttpMethod.Get, "/flags" + query);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(("Invalid flag query", detail), (answer.Body["title"]!.GetValue<string>(), answer.Body["detail"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("confirm", """{"points":13,"reason":"x"}""", HttpStatusCode.BadRequest, "points must be 1..12 (got 13) and a reason is required.")]
    [InlineData("confirm", """{"points":0,"reason":"x"}""", HttpStatusCode.BadRequest, "points must be 1..12 (got 0) and a reason is required.")]
    [InlineData("confirm", """{"points":2}""", HttpStatusCode.BadRequest, "points must be 1..12 (got 2) and a reason is required.")]
    [InlineData("confirm", """{"points":"2","reason":"x"}""", HttpStatusCode.BadRequest, null)]
    [InlineData("dismiss", """{"reason":" "}""", HttpStatusCode.BadRequest, "a reason is required.")]
    [InlineData("confirm", """{"points":2,"reason":"x"}""", HttpStatusCode.NotFound, "No flag has id 'P99000100000-NOSUCHMSG-DuplicatePurchase'.")]
    public async Task Bad_review_input_is_refused_before_anything_changes(string action, string body, HttpStatusCode status, string? detail)
    {
        var answer = await host.AdminAsync(HttpMethod.Post, $"/flags/P99000100000-NOSUCHMSG-DuplicatePurchase/{action}", body);

        Assert.Equal(status, answer.Status);
        if (detail is not null)
        {
            Assert.Equal(detail, answer.Body["detail"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task A_malformed_flag_id_is_a_400_and_no_token_is_a_401()
    {
        var malformed = await host.AdminAsync(HttpMethod.Get, "/flags/S1.DuplicatePurchase");
        var anonymous = await host.AdminAsync(HttpMethod.Post, "/flags/S1-DuplicatePurchase/confirm", """{"points":2,"reason":"x"}""", token: null);

        Assert.Equal(HttpStatusCode.BadRequest, malformed.Status);
        Assert.Equal("The path's flag id 'S1.DuplicatePurchase' must be 1 to 100 ASCII letters, digits or '-'.", malformed.Body["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Status);
    }

    [Fact]
    public async Task Pre_settlement_of_a_refused_swipe_records_no_flag()
    {
        var psn = await host.EnrolAsync(Scheme.Employee, PersonCategory.Employed, accountYuan: 100m);

        var pre = await host.CallAsync("2101", Inputs.Pharmacy(psn, 40m, Inputs.Drug(40m, listType: "904")), SettlementHost.Pharmacy);
        var flags = await host.AdminAsync(HttpMethod.Get, $"/flags?person={psn}");

        Assert.Equal(-1, pre.Infcode);
        Assert.EndsWith("which the personal account may not buy on Pharmacy (pack P0-990001-employee)", pre.ErrMsg, StringComparison.Ordinal);
        Assert.Empty(flags.Body["flags"]!.AsArray());
    }
}
