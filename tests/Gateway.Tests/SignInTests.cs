using System.Net;
using System.Text.Json;
using Medisettle.Gateway.Transactions;
using Medisettle.Interfaces.Platform;

namespace Medisettle.Gateway.Tests;

public sealed class SignInTests
{
    [Fact]
    public async Task Signed_sign_in_answers_a_sign_no_and_the_sign_time()
    {
        await using var gateway = await TestGateway.StartAsync();

        var (status, response) = await gateway.PostSignedAsync(TestGateway.Envelope("9001", TestGateway.SignInInput()));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Infcodes.Success, response.Infcode);
        Assert.Null(response.ErrMsg);
        var output = response.Output!.Value.Deserialize(PlatformJsonContext.Default.SignInOutput)!;
        Assert.Equal("2025-03-01 10:00:00", output.Signinoutb.SignTime);
        Assert.Matches("^[0-9a-f]{32}$", output.Signinoutb.SignNo);
        Assert.Equal("2025-03-01 10:00:00.000", response.RefmsgTime);
        Assert.Equal("2025-03-01 10:00:00.000", response.RespondTime);
        Assert.Matches("^MS20250301100000000[0-9]{8}$", response.InfRefmsgid);
    }

    [Fact]
    public async Task Sign_in_records_the_session_for_the_authenticated_institution()
    {
        await using var gateway = await TestGateway.StartAsync();

        var (_, response) = await gateway.PostSignedAsync(TestGateway.Envelope("9001", TestGateway.SignInInput()));

        var signNo = response.Output!.Value.Deserialize(PlatformJsonContext.Default.SignInOutput)!.Signinoutb.SignNo;
        var sessions = gateway.GetService<SignInRegistry>();
        Assert.True(sessions.IsCurrent(TestGateway.InstitutionA, signNo));
        Assert.Equal("001", sessions.Find(TestGateway.InstitutionA)!.OpterNo);
        Assert.Null(sessions.Find(TestGateway.InstitutionB));
    }

    [Fact]
    public async Task A_second_sign_in_replaces_the_first_sign_no()
    {
        await using var gateway = await TestGateway.StartAsync();

        var (_, first) = await gateway.PostSignedAsync(TestGateway.Envelope("9001", TestGateway.SignInInput(), msgid: "A1"));
        gateway.Clock.Advance(TimeSpan.FromSeconds(1));
        var (_, second) = await gateway.PostSignedAsync(TestGateway.Envelope("9001", TestGateway.SignInInput(), msgid: "A2"));

        var firstNo = first.Output!.Value.Deserialize(PlatformJsonContext.Default.SignInOutput)!.Signinoutb.SignNo;
        var secondNo = second.Output!.Value.Deserialize(PlatformJsonContext.Default.SignInOutput)!.Signinoutb.SignNo;
        Assert.NotEqual(firstNo, secondNo);
        Assert.False(gateway.GetService<SignInRegistry>().IsCurrent(TestGateway.InstitutionA, firstNo));
        Assert.True(gateway.GetService<SignInRegistry>().IsCurrent(TestGateway.InstitutionA, secondNo));
    }
}
