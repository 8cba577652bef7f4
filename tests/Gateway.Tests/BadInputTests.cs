using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Medisettle.Gateway.Transactions;
using Medisettle.Interfaces.Platform;

namespace Medisettle.Gateway.Tests;

public sealed class BadInputTests
{
    private static async Task<(HttpStatusCode Status, PlatformResponse Response)> PostAsync(JsonNode envelope, Action<GatewayOptions>? configure = null)
    {
        await using var gateway = await TestGateway.StartAsync(configure);
        return await gateway.PostSignedAsync(envelope);
    }

    private static async Task<(HttpStatusCode Status, PlatformResponse Response)> PostRawAsync(string body)
    {
        await using var gateway = await TestGateway.StartAsync();
        return await gateway.PostSignedAsync(Encoding.UTF8.GetBytes(body));
    }

    private static void AssertRefused((HttpStatusCode Status, PlatformResponse Response) answer, HttpStatusCode status, int infcode, string errMsg)
    {
        Assert.Equal(status, answer.Status);
        Assert.Equal(infcode, answer.Response.Infcode);
        Assert.Equal(errMsg, answer.Response.ErrMsg);
        Assert.Null(answer.Response.Output);
    }

    [Theory]
    [InlineData("{\"infno\":\"9001\",", "malformed JSON at line 1, byte offset 15")]
    [InlineData("{'infno':'9001'}", "malformed JSON at line 1, byte offset 1")]
    [InlineData("", "malformed JSON: the request body is empty")]
    public async Task Malformed_json_is_refused_with_1001(string body, string errMsg)
    {
        AssertRefused(await PostRawAsync(body), HttpStatusCode.BadRequest, Infcodes.MalformedJson, errMsg);
    }

    [Fact]
    public async Task Body_that_is_not_an_object_is_refused_with_1002()
    {
        AssertRefused(await PostRawAsync("[1,2]"), HttpStatusCode.BadRequest, Infcodes.WrongType, "the request body must be an object");
    }

    [Fact]
    public async Task Envelope_field_of_the_wrong_type_is_refused_with_1002()
    {
        var envelope = TestGateway.Envelope("9001", TestGateway.SignInInput());
        envelope["infno"] = 9001;

        AssertRefused(await PostAsync(envelope), HttpStatusCode.BadRequest, Infcodes.WrongType, "field 'infno' must be a string");
    }

    [Fact]
    public async Task Amount_sent_as_a_string_is_refused_with_1002()
    {
        var envelope = TestGateway.Envelope("2207", Samples.SettlementInput(JsonValue.Create("123.45")));

        AssertRefused(await PostAsync(envelope), HttpStatusCode.BadRequest, Infcodes.WrongType, "field 'input.data.medfee_sumamt' must be a number");
    }

    [Fact]
    public async Task Input_that_is_not_an_object_is_refused_with_1002()
    {
        var envelope = TestGateway.Envelope("9001", JsonValue.Create("sign me in")!);

        AssertRefused(await PostAsync(envelope), HttpStatusCode.BadRequest, Infcodes.WrongType, "field 'input' must be an object");
    }

    [Fact]
    public async Task Missing_envelope_field_is_refused_with_1003_naming_it()
    {
        var envelope = TestGateway.Envelope("9001", TestGateway.SignInInput());
        envelope.Remove("msgid");

        AssertRefused(await PostAsync(envelope), HttpStatusCode.BadRequest, Infcodes.MissingField, "missing required field 'msgid'");
    }

    [Fact]
    public async Task Missing_input_field_is_refused_with_1003_naming_it()
    {
        var input = Samples.SettlementInput();
        input["data"]!.AsObject().Remove("psn_no");

        AssertRefused(await PostAsync(TestGateway.Envelope("2207", input)), HttpStatusCode.BadRequest, Infcodes.MissingField,
            "missing required field 'input.data.psn_no'");
    }

    [Fact]
    public async Task Null_in_a_required_field_is_refused_with_1003()
    {
        var input = Samples.SettlementInput();
        input["data"]!["psn_no"] = null;

        AssertRefused(await PostAsync(TestGateway.Envelope("2207", input)), HttpStatusCode.BadRequest, Infcodes.MissingField,
            "field 'input.data.psn_no' must not be null");
    }

    [Fact]
    public async Task Unknown_envelope_field_is_refused_with_1004_naming_it()
    {
        var envelope = TestGateway.Envelope("9001", TestGateway.SignInInput());
        envelope["priority"] = "high";

        AssertRefused(await PostAsync(envelope), HttpStatusCode.BadRequest, Infcodes.UnknownField, "unknown field 'priority'");
    }

    [Fact]
    public async Task Unknown_input_field_is_refused_with_1004_naming_it()
    {
        var input = Samples.SettlementInput();
        input["data"]!["discount"] = 5;

        AssertRefused(await PostAsync(TestGateway.Envelope("2207", input)), HttpStatusCode.BadRequest, Infcodes.UnknownField,
            "unknown field 'input.data.discount'");
    }

    [Fact]
    public async Task Duplicate_field_is_refused_with_1006()
    {
        var body = TestGateway.Envelope("9001", TestGateway.SignInInput()).ToJsonString().Replace("{\"infno\":\"9001\",", "{\"infno\":\"9001\",\"infno\":\"2207\",", StringComparison.Ordinal);

        var answer = await PostRawAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(Infcodes.InvalidValue, answer.Response.Infcode);
        Assert.StartsWith("duplicate field", answer.Response.ErrMsg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_over_the_limit_is_refused_with_413()
    {
        var input = TestGateway.SignInInput();
        input["signIn"]!["mac"] = new string('a', 2048);

        var answer = await PostAsync(TestGateway.Envelope("9001", input), options => options.RequestBodyBytesMax = 1024);

        AssertRefused(answer, HttpStatusCode.RequestEntityTooLarge, Infcodes.BodyTooLarge, "request body exceeds RequestBodyBytesMax (1024 bytes)");
    }

    [Fact]
    public async Task Body_over_the_limit_without_content_length_is_refused_with_413()
    {
        await using var gateway = await TestGateway.StartAsync(options => options.RequestBodyBytesMax = 1024);
        var body = Encoding.UTF8.GetBytes(new string(' ', 1025) + "{}");
        var request = gateway.Signed(body);
        request.Content = new StreamContent(new MemoryStream(body));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TransferEncodingChunked = true;

        var answer = await gateway.SendAsync(request);

        AssertRefused(answer, HttpStatusCode.RequestEntityTooLarge, Infcodes.BodyTooLarge, "request body exceeds RequestBodyBytesMax (1024 bytes)");
    }

    [Fact]
    public async Task Body_that_is_not_json_content_is_refused_with_415()
    {
        await using var gateway = await TestGateway.StartAsync();
        var request = gateway.Signed(TestGateway.Bytes(TestGateway.Envelope("9001", TestGateway.SignInInput())));
        request.Content!.Headers.ContentType = new MediaTypeHeaderValue("text/plain");

        var answer = await gateway.SendAsync(request);

        AssertRefused(answer, HttpStatusCode.UnsupportedMediaType, Infcodes.UnsupportedMediaType, "Content-Type must be application/json");
    }

    [Theory]
    [InlineData("-0.01", "field 'input.data.medfee_sumamt': amount -0.01 must not be negative")]
    [InlineData("12.345", "field 'input.data.medfee_sumamt': amount 12.345 has more than two decimals")]
    [InlineData("100000000000000.00", "field 'input.data.medfee_sumamt': amount 100000000000000.00 exceeds the largest amount 99999999999999.99")]
    public async Task Bad_amount_is_refused_with_1006(string amount, string errMsg)
    {
        var input = Samples.SettlementInput(JsonValue.Create(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));

        AssertRefused(await PostAsync(TestGateway.Envelope("2207", input)), HttpStatusCode.BadRequest, Infcodes.InvalidValue, errMsg);
    }

    [Theory]
    [InlineData("0.01")]
    [InlineData("12.340")]
    [InlineData("99999999999999.99")]
    public async Task Acceptable_amount_reaches_the_handler(string amount)
    {
        var input = Samples.SettlementInput(JsonValue.Create(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));

        var (status, response) = await PostAsync(TestGateway.Envelope("2207", input));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Infcodes.BusinessRejection, response.Infcode);
        Assert.Equal("transaction 2207 is not available yet", response.ErrMsg);
    }

    [Fact]
    public async Task Amount_beyond_the_decimal_range_is_refused_with_1002()
    {
        var body = TestGateway.Envelope("2207", Samples.SettlementInput()).ToJsonString().Replace("123.45", "1e40", StringComparison.Ordinal);

        AssertRefused(await PostRawAsync(body), HttpStatusCode.BadRequest, Infcodes.WrongType, "field 'input.data.medfee_sumamt' must be a number");
    }

    [Fact]
    public async Task Fee_lines_over_the_bound_are_refused_with_1007()
    {
        var answer = await PostAsync(TestGateway.Envelope("2204", Samples.FeeUploadInput(4)), options => options.FeeLinesMax = 3);

        AssertRefused(answer, HttpStatusCode.BadRequest, Infcodes.LimitExceeded, "field 'input.feedetail' has 4 lines; at most 3 are accepted");
    }

    [Fact]
    public async Task Fee_lines_at_the_bound_are_accepted()
    {
        var (status, response) = await PostAsync(TestGateway.Envelope("2204", Samples.FeeUploadInput(3)), options => options.FeeLinesMax = 3);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("transaction 2204 is not available yet", response.ErrMsg);
    }

    [Fact]
    public async Task Drug_lines_that_do_not_add_up_are_refused_with_2001()
    {
        var input = Samples.PharmacyInput(100.00m, Samples.DrugLine(60.00m, "D1"), Samples.DrugLine(39.99m, "D2"));

        AssertRefused(await PostAsync(TestGateway.Envelope("2102", input)), HttpStatusCode.OK, Infcodes.AmountMismatch,
            "drug lines add up to 99.99, not the declared medfee_sumamt 100.00");
    }

    [Fact]
    public async Task Drug_lines_that_add_up_reach_the_handler()
    {
        var input = Samples.PharmacyInput(100.00m, Samples.DrugLine(60.00m, "D1"), Samples.DrugLine(40.00m, "D2"));

        var (status, response) = await PostAsync(TestGateway.Envelope("2102", input));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("transaction 2102 is not available yet", response.ErrMsg);
    }

    [Fact]
    public async Task Pharmacy_swipe_without_drug_lines_is_refused()
    {
        AssertRefused(await PostAsync(TestGateway.Envelope("2102", Samples.PharmacyInput(0m))), HttpStatusCode.BadRequest, Infcodes.InvalidValue,
            "field 'input.drugdetail' must have at least 1 line(s)");
    }

    [Fact]
    public async Task Negative_drug_line_amount_is_refused_naming_the_line()
    {
        var input = Samples.PharmacyInput(10.00m, Samples.DrugLine(20.00m, "D1"), Samples.DrugLine(-10.00m, "D2"));

        AssertRefused(await PostAsync(TestGateway.Envelope("2102", input)), HttpStatusCode.BadRequest, Infcodes.InvalidValue,
            "field 'input.drugdetail[1].det_item_fee_sumamt': amount -10.00 must not be negative");
    }

    [Theory]
    [InlineData("9999")]
    [InlineData("1234")]
    public async Task Unknown_infno_is_refused_with_1008(string infno)
    {
        AssertRefused(await PostAsync(TestGateway.Envelope(infno, new JsonObject())), HttpStatusCode.BadRequest, Infcodes.UnknownInfno, $"unknown infno {infno}");
    }

    [Theory]
    [InlineData("infno", "90011", "field 'infno' must be four digits")]
    [InlineData("msgid", "H11010100001-20250301", "field 'msgid' must be 1 to 30 letters or digits")]
    [InlineData("msgid", "H1101010000120250301100000000001", "field 'msgid' must be 1 to 30 letters or digits")]
    [InlineData("msgid", "", "field 'msgid' must be 1 to 30 letters or digits")]
    [InlineData("inf_time", "2025-03-01T10:00:00", "field 'inf_time' must be a time formatted yyyy-MM-dd HH:mm:ss")]
    [InlineData("inf_time", "2025-02-30 10:00:00", "field 'inf_time' must be a time formatted yyyy-MM-dd HH:mm:ss")]
    public async Task Bad_envelope_value_is_refused_with_1006(string field, string value, string errMsg)
    {
        var envelope = TestGateway.Envelope("9001", TestGateway.SignInInput());
        envelope[field] = value;

        AssertRefused(await PostAsync(envelope), HttpStatusCode.BadRequest, Infcodes.InvalidValue, errMsg);
    }

    [Fact]
    public async Task Msgid_of_thirty_letters_and_digits_is_accepted()
    {
        var (status, response) = await PostAsync(TestGateway.Envelope("9001", TestGateway.SignInInput(), msgid: "H11010100001202503011000000001"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Infcodes.Success, response.Infcode);
    }

    [Fact]
    public async Task Bad_sign_in_input_changes_nothing()
    {
        await using var gateway = await TestGateway.StartAsync();
        var input = TestGateway.SignInInput();
        input["signIn"]!["opter_no"] = " ";

        var (status, response) = await gateway.PostSignedAsync(TestGateway.Envelope("9001", input));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("field 'input.signIn.opter_no' must not be empty", response.ErrMsg);
        Assert.Null(gateway.GetService<SignInRegistry>().Find(TestGateway.InstitutionA));
    }

    [Theory]
    [InlineData("2201")]
    [InlineData("2207")]
    [InlineData("2304")]
    [InlineData("3201")]
    public async Task Empty_input_is_refused_naming_a_missing_field(string infno)
    {
        var (status, response) = await PostAsync(TestGateway.Envelope(infno, new JsonObject()));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(Infcodes.MissingField, response.Infcode);
        Assert.StartsWith("missing required field 'input.", response.ErrMsg, StringComparison.Ordinal);
    }
}
