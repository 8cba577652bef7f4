using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Medisettle.Interfaces.Platform;

namespace Medisettle.Gateway.Tests;

/// <summary>Refusals answer the infcode and err_msg docs/gateway.md promises: depth, duplicate paths, certificate and psn_no, empty swipes.</summary>
public sealed class DocumentedCodesTests
{
    private static async Task<(HttpStatusCode Status, PlatformResponse Response)> PostAsync(JsonNode envelope)
    {
        await using var gateway = await TestGateway.StartAsync();
        return await gateway.PostSignedAsync(envelope);
    }

    private static async Task<(HttpStatusCode Status, PlatformResponse Response)> PostRawAsync(string body)
    {
        await using var gateway = await TestGateway.StartAsync();
        return await gateway.PostSignedAsync(Encoding.UTF8.GetBytes(body));
    }

    [Theory]
    [InlineData(65, Infcodes.LimitExceeded, "JSON is nested more than 64 levels deep (at byte offset 64)")]
    [InlineData(1000, Infcodes.LimitExceeded, "JSON is nested more than 64 levels deep (at byte offset 64)")]
    public async Task Json_nested_too_deep_is_refused_with_1007(int depth, int infcode, string errMsg)
    {
        var answer = await PostRawAsync(new string('[', depth) + new string(']', depth));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(infcode, answer.Response.Infcode);
        Assert.Equal(errMsg, answer.Response.ErrMsg);
    }

    [Fact]
    public async Task Json_nested_64_levels_is_not_refused_for_depth()
    {
        var answer = await PostRawAsync(new string('[', 64) + new string(']', 64));

        Assert.Equal(Infcodes.WrongType, answer.Response.Infcode);
        Assert.Equal("the request body must be an object", answer.Response.ErrMsg);
    }

    [Theory]
    [InlineData("\"psn_no\":\"P990001000001\",", "duplicate field 'input.data.psn_no'")]
    [InlineData("\"insutype\":\"310\",", "duplicate field 'input.data.insutype'")]
    public async Task Duplicate_input_field_names_its_full_path(string duplicated, string errMsg)
    {
        var body = TestGateway.Envelope("2207", Samples.SettlementInput()).ToJsonString()
            .Replace("\"data\":{", "\"data\":{" + duplicated, StringComparison.Ordinal);

        var answer = await PostRawAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(Infcodes.InvalidValue, answer.Response.Infcode);
        Assert.Equal(errMsg, answer.Response.ErrMsg);
    }

    [Fact]
    public async Task Duplicate_envelope_field_names_it()
    {
        var body = TestGateway.Envelope("9001", TestGateway.SignInInput()).ToJsonString()
            .Replace("{\"infno\":\"9001\",", "{\"infno\":\"9001\",\"infno\":\"2207\",", StringComparison.Ordinal);

        var answer = await PostRawAsync(body);

        Assert.Equal(Infcodes.InvalidValue, answer.Response.Infcode);
        Assert.Equal("duplicate field 'infno'", answer.Response.ErrMsg);
    }

    [Theory]
    [InlineData("2207")]
    [InlineData("2304")]
    [InlineData("2201")]
    public async Task Id_number_certificate_of_another_person_is_refused_with_1006(string infno)
    {
        var input = infno == "2201" ? Register() : Samples.SettlementInput();
        input["data"]!["mdtrt_cert_no"] = "P990001000002";

        var answer = await PostAsync(TestGateway.Envelope(infno, input));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(Infcodes.InvalidValue, answer.Response.Infcode);
        Assert.Equal(
            "field 'input.data.mdtrt_cert_no' (P99000***0002) is not the person 'input.data.psn_no' (P99000***0001); " +
            "with mdtrt_cert_type 02 (ID number) the two must be equal",
            answer.Response.ErrMsg);
    }

    [Fact]
    public async Task Pharmacy_swipe_with_an_id_number_certificate_of_another_person_is_refused_with_1006()
    {
        var input = Samples.PharmacyInput(10m, Samples.DrugLine(10m));
        input["data"]!["mdtrt_cert_no"] = "P990001000002";

        var answer = await PostAsync(TestGateway.Envelope("2102", input));

        Assert.Equal(Infcodes.InvalidValue, answer.Response.Infcode);
        Assert.StartsWith("field 'input.data.mdtrt_cert_no' (P99000***0002) is not the person", answer.Response.ErrMsg, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("01")]
    [InlineData("03")]
    public async Task Token_or_card_certificate_is_not_compared_with_the_psn_no(string certType)
    {
        var input = Samples.SettlementInput();
        input["data"]!["mdtrt_cert_type"] = certType;
        input["data"]!["mdtrt_cert_no"] = "CARD0000001";

        var answer = await PostAsync(TestGateway.Envelope("2207", input));

        Assert.Equal(Infcodes.BusinessRejection, answer.Response.Infcode);
        Assert.Equal("transaction 2207 is not available yet", answer.Response.ErrMsg);
    }

    [Theory]
    [InlineData("../../etc/x", "field 'input.data.psn_no' must be 1 to 30 ASCII letters or digits; character 1 is U+002E")]
    [InlineData("P99000\u202E1000001", "field 'input.data.psn_no' must be 1 to 30 ASCII letters or digits; character 7 is U+202E")]
    [InlineData("P990001\u200B000001", "field 'input.data.psn_no' must be 1 to 30 ASCII letters or digits; character 8 is U+200B")]
    [InlineData("P9900010000010000000000000000001", "field 'input.data.psn_no' has 32 characters; at most 30 ASCII letters or digits are accepted")]
    public async Task Psn_no_that_is_not_a_platform_person_number_is_refused_with_1006(string psnNo, string errMsg)
    {
        var input = Samples.SettlementInput();
        input["data"]!["psn_no"] = psnNo;
        input["data"]!["mdtrt_cert_no"] = psnNo;

        var answer = await PostAsync(TestGateway.Envelope("2207", input));

        Assert.Equal(Infcodes.InvalidValue, answer.Response.Infcode);
        Assert.Equal(errMsg, answer.Response.ErrMsg);
    }

    [Theory]
    [InlineData("2101")]
    [InlineData("2102")]
    public async Task Pharmacy_swipe_of_0_00_is_an_empty_swipe_refused_with_2004(string infno)
    {
        var answer = await PostAsync(TestGateway.Envelope(infno, Samples.PharmacyInput(0m, Samples.DrugLine(0m))));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(Infcodes.EmptySwipe, answer.Response.Infcode);
        Assert.Equal("empty swipe (空刷): medfee_sumamt is 0.00, there is nothing to settle; a settlement needs at least 0.01 of fees", answer.Response.ErrMsg);
        Assert.Null(answer.Response.Output);
    }

    [Theory]
    [InlineData("2206")]
    [InlineData("2207")]
    [InlineData("2303")]
    [InlineData("2304")]
    public async Task Visit_settlement_of_0_00_is_an_empty_swipe_refused_with_2004(string infno)
    {
        var answer = await PostAsync(TestGateway.Envelope(infno, Samples.SettlementInput(JsonValue.Create(0.00m))));

        Assert.Equal(Infcodes.EmptySwipe, answer.Response.Infcode);
        Assert.StartsWith("empty swipe (空刷)", answer.Response.ErrMsg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settlement_of_0_01_passes_the_input_checks()
    {
        var answer = await PostAsync(TestGateway.Envelope("2207", Samples.SettlementInput(JsonValue.Create(0.01m))));

        Assert.Equal(Infcodes.BusinessRejection, answer.Response.Infcode);
        Assert.Equal("transaction 2207 is not available yet", answer.Response.ErrMsg);
    }

    private static JsonObject Register() => new()
    {
        ["data"] = new JsonObject
        {
            ["psn_no"] = "P990001000001",
            ["insutype"] = "310",
            ["begntime"] = "2025-03-01 09:00:00",
            ["mdtrt_cert_type"] = "02",
            ["mdtrt_cert_no"] = "P990001000001",
            ["ipt_otp_no"] = "OP0001",
            ["atddr_no"] = "D001",
            ["dr_name"] = "王医生",
            ["dept_code"] = "01",
            ["dept_name"] = "内科",
            ["caty"] = "A03",
        },
    };
}
