using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Medisettle.Gateway.Transactions;
using Medisettle.Interfaces.Platform;

namespace Medisettle.Gateway.Tests;

public sealed class SecurityTests
{
    private static byte[] SignInBody(string fixmedinsCode = TestGateway.InstitutionA) =>
        TestGateway.Bytes(TestGateway.Envelope("9001", TestGateway.SignInInput(), fixmedinsCode));

    [Fact]
    public void Signature_matches_the_documented_openssl_one_liner()
    {
        // docs/gateway.md: the same secret, timestamp, institution and body through openssl give this value.
        var body = Encoding.UTF8.GetBytes("{\"infno\":\"9001\"}");

        var stringToSign = RequestSigner.StringToSign(1700000000000, "H11010100001", body);
        var signature = RequestSigner.Sign("demo-secret-0123456789abcdef", 1700000000000, "H11010100001", body);

        Assert.Equal(
            "MEDISETTLE-HMAC-SHA256\n1700000000000\nH11010100001\nb6a8349bd1d474e597ae0ab5576229e9b4bf3f04c1667b0705fa6141a1f9a34a",
            stringToSign);
        Assert.Equal("a9770d0e242d60eac776f8f0fa333635b03d7fd605a9bc03a907d9bc0e9652de", signature);
    }

    [Fact]
    public async Task Request_without_signature_headers_is_refused_with_401()
    {
        await using var gateway = await TestGateway.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, GatewayOptions.TransactionPath) { Content = new ByteArrayContent(SignInBody()) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var (status, response) = await gateway.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(Infcodes.MissingCredentials, response.Infcode);
        Assert.Contains("missing signature headers", response.ErrMsg, StringComparison.Ordinal);
        Assert.Null(response.Output);
    }

    [Fact]
    public async Task Signature_made_with_a_wrong_secret_is_refused()
    {
        await using var gateway = await TestGateway.StartAsync();

        var (status, response) = await gateway.PostSignedAsync(SignInBody(), secret: "not-the-secret-of-hospital-a-000");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(Infcodes.BadSignature, response.Infcode);
        Assert.Equal("signature does not match the request", response.ErrMsg);
        Assert.Null(gateway.GetService<SignInRegistry>().Find(TestGateway.InstitutionA));
    }

    [Fact]
    public async Task Body_changed_after_signing_is_refused()
    {
        await using var gateway = await TestGateway.StartAsync();
        var request = gateway.Signed(SignInBody());
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(SignInBody()).Replace("10.0.0.8", "10.0.0.9", StringComparison.Ordinal));
        request.Content = new ByteArrayContent(tampered);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var (status, response) = await gateway.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(Infcodes.BadSignature, response.Infcode);
    }

    [Fact]
    public async Task Signature_header_that_is_not_hex_is_refused()
    {
        await using var gateway = await TestGateway.StartAsync();
        var request = gateway.Signed(SignInBody());
        request.Headers.Remove(RequestSigner.SignatureHeader);
        request.Headers.Add(RequestSigner.SignatureHeader, new string('z', 64));

        var (status, response) = await gateway.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(Infcodes.BadSignature, response.Infcode);
        Assert.Contains("64 hex characters", response.ErrMsg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Institution_without_a_credential_is_refused()
    {
        await using var gateway = await TestGateway.StartAsync();

        var (status, response) = await gateway.PostSignedAsync(SignInBody("H99999999999"), institution: "H99999999999", secret: "some-secret-0123456789abcdef");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(Infcodes.UnknownInstitution, response.Infcode);
        Assert.Equal("institution H99999999999 is not registered", response.ErrMsg);
    }

    [Theory]
    [InlineData(-300_000)]
    [InlineData(0)]
    [InlineData(300_000)]
    public async Task Timestamp_inside_the_replay_window_is_accepted(long offsetMilliseconds)
    {
        await using var gateway = await TestGateway.StartAsync();

        var (status, response) = await gateway.PostSignedAsync(SignInBody(), signedAt: TestGateway.Start.AddMilliseconds(offsetMilliseconds));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Infcodes.Success, response.Infcode);
    }

    [Theory]
    [InlineData(-300_001, "request timestamp is 301 s behind the gateway clock; at most 300 s either way is accepted (the replay window)")]
    [InlineData(300_001, "request timestamp is 301 s ahead of the gateway clock; at most 300 s either way is accepted (the replay window)")]
    [InlineData(301_000, "request timestamp is 301 s ahead of the gateway clock; at most 300 s either way is accepted (the replay window)")]
    [InlineData(-86_400_000, "request timestamp is 86400 s behind the gateway clock; at most 300 s either way is accepted (the replay window)")]
    public async Task Timestamp_outside_the_replay_window_is_refused_saying_ahead_or_behind(long offsetMilliseconds, string errMsg)
    {
        await using var gateway = await TestGateway.StartAsync();

        var (status, response) = await gateway.PostSignedAsync(SignInBody(), signedAt: TestGateway.Start.AddMilliseconds(offsetMilliseconds));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(Infcodes.TimestampOutsideWindow, response.Infcode);
        Assert.Equal(errMsg, response.ErrMsg);
    }

    [Fact]
    public async Task Configured_replay_window_is_honoured()
    {
        await using var gateway = await TestGateway.StartAsync(options => options.ReplayWindow = TimeSpan.FromSeconds(10));

        var (inside, _) = await gateway.PostSignedAsync(SignInBody(), signedAt: TestGateway.Start.AddSeconds(-10));
        var (outside, response) = await gateway.PostSignedAsync(SignInBody(), signedAt: TestGateway.Start.AddSeconds(-11));

        Assert.Equal(HttpStatusCode.OK, inside);
        Assert.Equal(HttpStatusCode.Unauthorized, outside);
        Assert.Equal(Infcodes.TimestampOutsideWindow, response.Infcode);
    }

    [Fact]
    public async Task Replayed_request_is_refused_and_changes_nothing()
    {
        await using var gateway = await TestGateway.StartAsync();
        var body = SignInBody();
        var first = gateway.Signed(body);
        var replay = gateway.Signed(body);

        var (firstStatus, firstResponse) = await gateway.SendAsync(first);
        var session = gateway.GetService<SignInRegistry>().Find(TestGateway.InstitutionA);
        gateway.Clock.Advance(TimeSpan.FromSeconds(299));
        var (status, response) = await gateway.SendAsync(replay);

        Assert.Equal(HttpStatusCode.OK, firstStatus);
        Assert.Equal(Infcodes.Success, firstResponse.Infcode);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(Infcodes.Replay, response.Infcode);
        Assert.Contains("replayed", response.ErrMsg, StringComparison.Ordinal);
        Assert.Same(session, gateway.GetService<SignInRegistry>().Find(TestGateway.InstitutionA));
    }

    [Fact]
    public async Task Replay_after_the_window_is_refused_as_expired()
    {
        await using var gateway = await TestGateway.StartAsync();
        var body = SignInBody();
        await gateway.SendAsync(gateway.Signed(body));
        var replay = gateway.Signed(body);
        gateway.Clock.Advance(TimeSpan.FromSeconds(301));

        var (status, response) = await gateway.SendAsync(replay);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(Infcodes.TimestampOutsideWindow, response.Infcode);
    }

    [Fact]
    public async Task Institution_cannot_act_as_another_institution()
    {
        await using var gateway = await TestGateway.StartAsync();

        var (status, response) = await gateway.PostSignedAsync(SignInBody(fixmedinsCode: TestGateway.InstitutionB));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal(Infcodes.InstitutionMismatch, response.Infcode);
        Assert.Equal(
            "fixmedins_code H11010100002 is not the authenticated institution H11010100001; an institution may act only as itself",
            response.ErrMsg);
        Assert.Null(gateway.GetService<SignInRegistry>().Find(TestGateway.InstitutionB));
    }
}
