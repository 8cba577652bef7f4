using System.Net;
using System.Text.Json.Nodes;
using Medisettle.Interfaces.Settlement;

namespace Medisettle.Gateway.Tests.EndToEnd;

/// <summary>The admin API on real grains: auth, persons, institutions, policy packs, funds and the audit.</summary>
[Collection(SettlementHostCollection.Name)]
public sealed class AdminEndToEndTests(SettlementHost host)
{
    private const string NewRegion = "990099";
    private const string NewHospital = "H99009900001";
    private static readonly string Secret = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    [Theory]
    [InlineData("GET", "/persons/99000100000000")]
    [InlineData("POST", "/persons")]
    [InlineData("PUT", "/institutions/H99009900001")]
    [InlineData("POST", "/policy-packs")]
    [InlineData("GET", "/funds")]
    [InlineData("GET", "/audit")]
    public async Task Admin_endpoints_refuse_requests_without_the_right_token(string method, string path)
    {
        var missing = await host.AdminAsync(new HttpMethod(method), path, "{}", token: null);
        var wrong = await host.AdminAsync(new HttpMethod(method), path, "{}", token: "not-the-token-0123456789abcdef0123456789");

        Assert.Equal(HttpStatusCode.Unauthorized, missing.Status);
        Assert.Equal("Admin credential required", missing.Body["title"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
        Assert.Equal("Admin credential rejected", wrong.Body["title"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("text/plain", "{}")]
    [InlineData("application/json", "{not json")]
    [InlineData("application/json", null)]
    public async Task Admin_token_is_checked_before_the_media_type_the_size_and_the_body(string mediaType, string? json)
    {
        var body = json ?? "[" + new string(' ', Gateway.Admin.AdminApi.BodyBytesMax) + "]";

        var anonymous = await RawAdminAsync(HttpMethod.Post, "/persons", body, mediaType, token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Status);
        Assert.Equal("Admin credential required", anonymous.Body["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Non_json_admin_body_is_415_and_an_oversized_one_413_naming_the_limit()
    {
        var plain = await RawAdminAsync(HttpMethod.Post, "/persons", "{}", "text/plain", SettlementHost.AdminToken);
        var huge = await RawAdminAsync(HttpMethod.Post, "/persons/batch", "[" + new string(' ', Gateway.Admin.AdminApi.BodyBytesMax) + "]", "application/json", SettlementHost.AdminToken);
        var hugePack = await RawAdminAsync(HttpMethod.Post, "/policy-packs", "{" + new string(' ', Gateway.Admin.AdminApi.PolicyPackBytesMax) + "}", "application/json", SettlementHost.AdminToken);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, plain.Status);
        Assert.Equal("Content-Type must be application/json.", plain.Body["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.Status);
        Assert.Equal("Body too large", huge.Body["title"]!.GetValue<string>());
        Assert.Equal("The body exceeds BodyBytesMax (4194304 bytes).", huge.Body["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, hugePack.Status);
        Assert.Equal("The body exceeds PolicyPackBytesMax (1048576 bytes).", hugePack.Body["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Numbers_in_admin_bodies_must_be_json_numbers()
    {
        var pharmacy = Medisettle.Grains.Demo.DemoData.InstitutionCode(7);
        var before = await host.AdminAsync(HttpMethod.Get, $"/institutions/{pharmacy}");

        var asString = await host.AdminAsync(HttpMethod.Post, $"/institutions/{pharmacy}/deductions", """{"points":"5","reason":"空刷"}""");
        var balanceAsString = await host.AdminAsync(HttpMethod.Post, "/persons", Person("99000188000010", "Employee", "Employed", 0).Replace("\"openingAccountBalance\":0", "\"openingAccountBalance\":\"0\"", StringComparison.Ordinal));
        var after = await host.AdminAsync(HttpMethod.Get, $"/institutions/{pharmacy}");
        var unknown = await host.AdminAsync(HttpMethod.Get, "/persons/99000188000010");

        Assert.Equal(HttpStatusCode.BadRequest, asString.Status);
        Assert.Equal("Invalid body", asString.Body["title"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, balanceAsString.Status);
        Assert.Equal(before.Body.ToJsonString(), after.Body.ToJsonString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
    }

    [Theory]
    [InlineData("../../etc/x", "profile.personId (the psn_no) must be 1 to 30 ASCII letters or digits; character 1 is U+002E")]
    [InlineData("9900018\u202E8000011", "profile.personId (the psn_no) must be 1 to 30 ASCII letters or digits; character 8 is U+202E")]
    [InlineData("9900018\u200B8000012", "profile.personId (the psn_no) must be 1 to 30 ASCII letters or digits; character 8 is U+200B")]
    [InlineData("", "profile.personId (the psn_no) must not be empty")]
    [InlineData("9900018800001399000188000013000", "profile.personId (the psn_no) has 31 characters; at most 30 ASCII letters or digits are accepted")]
    public async Task Person_id_that_is_not_a_platform_psn_no_is_not_enrolled(string personId, string detail)
    {
        var enrolled = await host.AdminAsync(HttpMethod.Post, "/persons", Person("PLACEHOLDER", "Employee", "Employed", 0).Replace("PLACEHOLDER", personId, StringComparison.Ordinal));
        var batch = await host.AdminAsync(HttpMethod.Post, "/persons/batch", "[" + Person("PLACEHOLDER", "Employee", "Employed", 0).Replace("PLACEHOLDER", personId, StringComparison.Ordinal) + "]");

        Assert.Equal(HttpStatusCode.BadRequest, enrolled.Status);
        Assert.Equal(detail, enrolled.Body["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, batch.Status);
        Assert.Equal("[0]: " + detail, batch.Body["detail"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/persons/9900018%E2%80%8B8000014", "Invalid psn_no", "The path's psn_no must be 1 to 30 ASCII letters or digits; character 8 is U+200B.")]
    [InlineData("/institutions/H9900%2E%2E99", "Invalid institution code", "The path's fixmedins_code must be 1 to 30 ASCII letters or digits; character 6 is U+002E.")]
    [InlineData("/institutions/H99009900001%E2%80%AE", "Invalid institution code", "The path's fixmedins_code must be 1 to 30 ASCII letters or digits; character 13 is U+202E.")]
    public async Task Path_ids_that_are_not_platform_codes_are_refused(string path, string title, string detail)
    {
        var read = await host.AdminAsync(HttpMethod.Get, path);

        Assert.Equal(HttpStatusCode.BadRequest, read.Status);
        Assert.Equal(title, read.Body["title"]!.GetValue<string>());
        Assert.Equal(detail, read.Body["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Institution_with_a_code_that_is_not_a_platform_code_is_not_registered()
    {
        var registered = await host.AdminAsync(HttpMethod.Put, "/institutions/H9900%E2%80%8B9900009", Institution("H9900\u200B9900009", Secret));
        var deducted = await host.AdminAsync(HttpMethod.Post, "/institutions/..%2F..%2Fetc%2Fx/deductions", """{"points":1,"reason":"x"}""");

        Assert.Equal(HttpStatusCode.BadRequest, registered.Status);
        Assert.Equal("Invalid institution code", registered.Body["title"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, deducted.Status);
        Assert.Equal("The path's fixmedins_code must be 1 to 30 ASCII letters or digits; character 1 is U+002E.", deducted.Body["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Enrol_read_and_bulk_enrol_persons()
    {
        var enrolled = await host.AdminAsync(HttpMethod.Post, "/persons", Person("99000188000001", "Employee", "Employed", 50_000));
        var read = await host.AdminAsync(HttpMethod.Get, "/persons/99000188000001");
        var bulk = await host.AdminAsync(HttpMethod.Post, "/persons/batch",
            $"[{Person("99000188000002", "MergedResident", "AdultResident", 0)},{Person("99000188000003", "UrbanResident", "StudentChild", 0)}]");
        var invalid = await host.AdminAsync(HttpMethod.Post, "/persons", Person("99000188000004", "Employee", "Employed", 0, region: "99"));
        var tooMany = await host.AdminAsync(HttpMethod.Post, "/persons/batch",
            "[" + string.Join(",", Enumerable.Range(0, 1_001).Select(i => Person($"9900018810{i:D4}", "Employee", "Employed", 0))) + "]");
        var unknown = await host.AdminAsync(HttpMethod.Get, "/persons/99000188999999");

        Assert.Equal(HttpStatusCode.OK, enrolled.Status);
        Assert.Equal(50_000, read.Body["accountBalance"]!.GetValue<long>());
        Assert.Equal("Employee", read.Body["profile"]!["scheme"]!.GetValue<string>());
        Assert.Equal(2025, read.Body["yearToDate"]!["benefitYear"]!.GetValue<int>());
        Assert.Equal(2, bulk.Body["enrolled"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.Contains("insuredRegion '99'", invalid.Body["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.Status);
        Assert.Contains("at most 1000", tooMany.Body["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
    }

    [Fact]
    public async Task Person_view_lists_settlements_with_their_msgid_and_cancel_restores_year_to_date()
    {
        // Adult resident, tier-3 stay of 1,400.00: hifp_pay (1,400 − 400) × 60% = 600.00; cancelled → 0.
        var psn = await host.EnrolAsync(Scheme.MergedResident, PersonCategory.AdultResident);
        var admitted = await host.CallAsync("2401", Inputs.Admission(psn), SettlementHost.Hospital);
        var mdtrtId = admitted.Output["result"]!["mdtrt_id"]!.GetValue<string>();
        await host.CallAsync("2301", Inputs.Fees(Inputs.Fee(psn, mdtrtId, "F1", 1_400m)), SettlementHost.Hospital);
        var settleMsgid = host.NewMsgid(SettlementHost.Hospital);
        var settled = await host.CallAsync("2304", Inputs.Settle(psn, mdtrtId, 1_400m, "21"), SettlementHost.Hospital, settleMsgid);
        var during = await host.AdminAsync(HttpMethod.Get, $"/persons/{psn}");
        await host.CallAsync("2305", Inputs.Cancel(psn, settled.Text("setl_id"), mdtrtId), SettlementHost.Hospital);
        var after = await host.AdminAsync(HttpMethod.Get, $"/persons/{psn}");

        Assert.Equal(60_000, during.Body["yearToDate"]!["fundsPaid"]!["basicPooled"]!.GetValue<long>());
        Assert.Equal(0, after.Body["yearToDate"]!["fundsPaid"]!["basicPooled"]!.GetValue<long>());
        var listed = after.Body["settlements"]![0]!;
        Assert.Equal(settled.Text("setl_id"), listed["settlementId"]!.GetValue<string>());
        Assert.Equal(settleMsgid, listed["messageId"]!.GetValue<string>());
        Assert.Equal(140_000, listed["totalAmount"]!.GetValue<long>());
        Assert.NotNull(listed["cancelledAt"]);
    }

    [Fact]
    public async Task Registered_institution_signs_with_its_secret_and_an_updated_secret_applies_at_once()
    {
        var registered = await host.AdminAsync(HttpMethod.Put, $"/institutions/{NewHospital}", Institution(NewHospital, Secret));
        var signedIn = await SignInAsync(NewHospital, Secret);
        var newSecret = Convert.ToBase64String(Enumerable.Range(100, 32).Select(i => (byte)i).ToArray());
        await host.AdminAsync(HttpMethod.Put, $"/institutions/{NewHospital}", Institution(NewHospital, newSecret));
        var oldRefused = await SignInAsync(NewHospital, Secret);
        var newAccepted = await SignInAsync(NewHospital, newSecret);
        var mismatch = await host.AdminAsync(HttpMethod.Put, "/institutions/H99009900002", Institution(NewHospital, Secret));
        var shortSecret = await host.AdminAsync(HttpMethod.Put, "/institutions/H99009900003", Institution("H99009900003", "c2hvcnQ="));
        var read = await host.AdminAsync(HttpMethod.Get, $"/institutions/{NewHospital}");
        var unknown = await host.AdminAsync(HttpMethod.Get, "/institutions/H99009900003");

        Assert.Equal(HttpStatusCode.OK, registered.Status);
        Assert.Equal(0, signedIn.Infcode);
        Assert.Equal(1103, oldRefused.Infcode);
        Assert.Equal(0, newAccepted.Infcode);
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.Status);
        Assert.Equal(HttpStatusCode.BadRequest, shortSecret.Status);
        Assert.Equal("Tier3", read.Body["profile"]!["level"]!.GetValue<string>());
        Assert.Null(read.Body["credentialSecret"]);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        await host.AdminAsync(HttpMethod.Put, $"/institutions/{NewHospital}", Institution(NewHospital, Secret));
    }

    [Fact]
    public async Task Suspended_pharmacy_is_refused_until_reinstated_and_12_points_revoke_it()
    {
        var pharmacy = Medisettle.Grains.Demo.DemoData.InstitutionCode(5);
        var psn = await host.EnrolAsync(Scheme.Employee, PersonCategory.Employed, accountYuan: 100m);

        var suspended = await host.AdminAsync(HttpMethod.Post, $"/institutions/{pharmacy}/designation", """{"status":"Suspended","reason":"audit"}""");
        var refused = await host.CallAsync("2102", Inputs.Pharmacy(psn, 10m, Inputs.Drug(10m)), pharmacy);
        await host.AdminAsync(HttpMethod.Post, $"/institutions/{pharmacy}/designation", """{"status":"Active","reason":"cleared"}""");
        var accepted = await host.CallAsync("2102", Inputs.Pharmacy(psn, 10m, Inputs.Drug(10m)), pharmacy);
        var revoked = await host.AdminAsync(HttpMethod.Post, $"/institutions/{Medisettle.Grains.Demo.DemoData.InstitutionCode(6)}/deductions", """{"points":12,"reason":"空刷"}""");
        var badPoints = await host.AdminAsync(HttpMethod.Post, $"/institutions/{pharmacy}/deductions", """{"points":0,"reason":"x"}""");

        Assert.Equal("Suspended", suspended.Body["profile"]!["designation"]!.GetValue<string>());
        Assert.StartsWith("InstitutionSuspended", refused.ErrMsg, StringComparison.Ordinal);
        Assert.Equal(0, accepted.Infcode);
        Assert.Equal("Revoked", revoked.Body["profile"]!["designation"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, badPoints.Status);
    }

    [Fact]
    public async Task Loaded_pack_applies_to_the_next_settlement_once_activated()
    {
        // A copy of P1 (tier-3 inpatient: deductible 700, 55%) for region 990099: 10,000.00 → (10,000 − 700) × 55% = 5,115.00.
        await host.AdminAsync(HttpMethod.Put, $"/institutions/{NewHospital}", Institution(NewHospital, Secret));
        var psn = "99009900000001";
        await host.AdminAsync(HttpMethod.Post, "/persons", Person(psn, "MergedResident", "AdultResident", 0, region: NewRegion));
        var pack = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Packs", "p1-370705-2011.json"));
        pack = pack.Replace("\"P1-370705-2011\"", "\"P1-990099-test\"", StringComparison.Ordinal).Replace("\"370705\"", $"\"{NewRegion}\"", StringComparison.Ordinal);

        var before = await SettleInNewRegionAsync(psn);
        var invalid = await host.AdminAsync(HttpMethod.Post, "/policy-packs?name=bad.json", pack.Replace("\"rate\": 0.55", "\"rate\": 1.7", StringComparison.Ordinal));
        var loaded = await host.AdminAsync(HttpMethod.Post, "/policy-packs?name=p1-990099.json", pack);
        var listed = await host.AdminAsync(HttpMethod.Get, "/policy-packs");
        var activated = await host.AdminAsync(HttpMethod.Post, "/policy-packs/P1-990099-test/activate");
        var unknown = await host.AdminAsync(HttpMethod.Post, "/policy-packs/nope/activate");
        var after = await SettleInNewRegionAsync(psn);

        Assert.StartsWith("NoApplicablePack", before.ErrMsg, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.Equal("$.basic.ratios[0].rate", invalid.Body["field"]!.GetValue<string>());
        Assert.Equal("1.7", invalid.Body["value"]!.GetValue<string>());
        Assert.StartsWith("bad.json: $.basic.ratios[0].rate = 1.7", invalid.Body["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, loaded.Status);
        Assert.Contains(listed.Body.AsArray(), p => p!["id"]!.GetValue<string>() == "P1-990099-test" && !p["active"]!.GetValue<bool>());
        Assert.True(activated.Body["active"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal(0, after.Infcode);
        Assert.Equal(700.00m, after.Amount("act_pay_dedc"));
        Assert.Equal(5_115.00m, after.Amount("hifp_pay"));
    }

    [Fact]
    public async Task Audit_passes_after_a_stream_of_swipes_and_cancels_and_funds_show_the_spending()
    {
        var auditBefore = await host.AdminAsync(HttpMethod.Get, "/audit");
        var accountBefore = PersonalAccountSpending(await host.AdminAsync(HttpMethod.Get, "/funds"));
        long accountSpent = 0;
        for (var i = 0; i < 12; i++)
        {
            var psn = await host.EnrolAsync(Scheme.Employee, PersonCategory.Employed, accountYuan: 50m);
            var settled = await host.CallAsync("2102", Inputs.Pharmacy(psn, 10m + i, Inputs.Drug(10m + i)), SettlementHost.Pharmacy);
            Assert.Equal(0, settled.Infcode);
            accountSpent += (10 + i) * 100;
            if (i % 3 == 0)
            {
                await host.CallAsync("2103", Inputs.Cancel(psn, settled.Text("setl_id"), settled.Text("mdtrt_id")), SettlementHost.Pharmacy);
                accountSpent -= (10 + i) * 100;
            }
        }

        var audit = await host.AdminAsync(HttpMethod.Get, "/audit");
        var funds = await host.AdminAsync(HttpMethod.Get, "/funds");

        Assert.True(audit.Body["passed"]!.GetValue<bool>(), audit.Body.ToJsonString());
        Assert.Equal(0, audit.Body["pendingPostings"]!.GetValue<int>());
        Assert.Equal(12, audit.Body["settlements"]!.GetValue<int>() - auditBefore.Body["settlements"]!.GetValue<int>());
        Assert.Equal(accountSpent, PersonalAccountSpending(funds) - accountBefore);
    }

    /// <summary>Spending (fen) of the employees' personal-account pool in a /funds answer; 0 before its first posting.</summary>
    private static long PersonalAccountSpending(Answer funds) =>
        funds.Body.AsArray().SingleOrDefault(f => f!["key"]!.GetValue<string>() == "990001:Employee:PersonalAccount")?["spending"]!.GetValue<long>() ?? 0;

    [Fact]
    public async Task Every_transaction_code_is_served()
    {
        var listed = await host.AdminAsync(HttpMethod.Get, "/transactions");

        Assert.Equal(22, listed.Body.AsArray().Count);
        Assert.All(listed.Body.AsArray(), t => Assert.True(t!["available"]!.GetValue<bool>(), t.ToJsonString()));
    }

    [Fact]
    public async Task OpenApi_document_lists_the_admin_endpoints()
    {
        var response = await host.Client.GetStringAsync("/openapi/v1.json");

        foreach (var path in new[] { "/admin/v1/persons", "/admin/v1/persons/batch", "/admin/v1/institutions/{code}", "/admin/v1/policy-packs", "/admin/v1/policy-packs/{id}/activate", "/admin/v1/funds", "/admin/v1/audit" })
        {
            Assert.Contains($"\"{path}\"", response, StringComparison.Ordinal);
        }
    }

    private Task<Answer> SettleInNewRegionAsync(string psn) => Task.Run(async () =>
    {
        var admitted = await host.CallAsync("2401", Inputs.Admission(psn), NewHospital, insuredRegion: NewRegion, secret: Secret);
        Assert.True(admitted.Infcode == 0, admitted.Body.ToJsonString());
        var mdtrtId = admitted.Output["result"]!["mdtrt_id"]!.GetValue<string>();
        await host.CallAsync("2301", Inputs.Fees(Inputs.Fee(psn, mdtrtId, "F1", 10_000m)), NewHospital, insuredRegion: NewRegion, secret: Secret);
        return await host.CallAsync("2304", Inputs.Settle(psn, mdtrtId, 10_000m, "21"), NewHospital, insuredRegion: NewRegion, secret: Secret);
    });

    private async Task<Answer> SignInAsync(string institution, string secret)
    {
        var body = System.Text.Encoding.UTF8.GetBytes(SettlementHost.Envelope("9001", Inputs.SignIn(), institution, host.NewMsgid(institution)).ToJsonString());
        return await host.SendAsync(body, institution, secret);
    }

    private async Task<Answer> RawAdminAsync(HttpMethod method, string path, string body, string mediaType, string? token)
    {
        using var request = new HttpRequestMessage(method, "/admin/v1" + path) { Content = new StringContent(body, System.Text.Encoding.UTF8) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await host.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new Answer(response.StatusCode, text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!);
    }

    private static string Person(string psn, string scheme, string category, long accountFen, string region = "990001") => new JsonObject
    {
        ["profile"] = new JsonObject
        {
            ["personId"] = psn,
            ["scheme"] = scheme,
            ["category"] = category,
            ["insuredRegion"] = region,
            ["enrolmentDate"] = "2020-01-01",
            ["paymentDate"] = "2020-01-01",
        },
        ["openingAccountBalance"] = accountFen,
    }.ToJsonString();

    private static string Institution(string code, string secret) => new JsonObject
    {
        ["profile"] = new JsonObject
        {
            ["code"] = code,
            ["kind"] = "Hospital",
            ["level"] = "Tier3",
            ["region"] = NewRegion,
            ["designation"] = "Active",
            ["networked"] = true,
        },
        ["name"] = "新区医院",
        ["credentialSecret"] = secret,
    }.ToJsonString();
}
