using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Medisettle.Interfaces.Platform;

namespace Medisettle.Gateway.Tests.EndToEnd;

/// <summary>
/// The replay window and 9001 sign-ins are cluster state (grains), so they hold across gateways and restarts.
/// Each test starts its own host, because it restarts it or adds a gateway.
/// </summary>
public sealed class ReplayEndToEndTests
{
    private static readonly string Hospital = SettlementHost.Hospital;

    [Fact]
    public async Task Replay_after_a_clean_restart_of_silos_and_gateway_is_refused_and_signs_nobody_in()
    {
        var host = new SettlementHost();
        await host.InitializeAsync();
        try
        {
            var body = SignInBody(host.NewMsgid(Hospital));
            var at = host.Clock.GetUtcNow().ToUnixTimeMilliseconds();
            var first = await host.SendAsync(body, Hospital, timestampMilliseconds: at);

            await host.RestartAsync();
            var replayed = await host.SendAsync(body, Hospital, timestampMilliseconds: at);

            Assert.Equal((HttpStatusCode.OK, Infcodes.Success), (first.Status, first.Infcode));
            Assert.Equal((HttpStatusCode.Unauthorized, Infcodes.Replay), (replayed.Status, replayed.Infcode));
            Assert.Equal("request already received (replayed signature); sign each request afresh", replayed.ErrMsg);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Replay_through_a_second_gateway_is_refused()
    {
        var host = new SettlementHost();
        await host.InitializeAsync();
        try
        {
            using var second = await host.AddGatewayAsync();
            var body = SignInBody(host.NewMsgid(Hospital));
            var at = host.Clock.GetUtcNow().ToUnixTimeMilliseconds();

            var first = await host.SendAsync(body, Hospital, timestampMilliseconds: at);
            var replayed = await host.SendAsync(body, Hospital, timestampMilliseconds: at, via: second);

            Assert.Equal((HttpStatusCode.OK, Infcodes.Success), (first.Status, first.Infcode));
            Assert.Equal((HttpStatusCode.Unauthorized, Infcodes.Replay), (replayed.Status, replayed.Infcode));
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Sign_in_retried_with_the_same_msgid_answers_the_same_sign_no_on_any_gateway_and_after_a_restart()
    {
        var host = new SettlementHost();
        await host.InitializeAsync();
        try
        {
            var msgid = host.NewMsgid(Hospital);
            var first = await host.SendAsync(SignInBody(msgid), Hospital);
            using var second = await host.AddGatewayAsync();
            var retried = await host.SendAsync(SignInBody(msgid), Hospital, via: second);
            var other = await host.SendAsync(SignInBody(host.NewMsgid(Hospital)), Hospital);
            await host.RestartAsync();
            var retriedAfterRestart = await host.SendAsync(SignInBody(msgid), Hospital);

            Assert.Equal((HttpStatusCode.OK, Infcodes.Success), (first.Status, first.Infcode));
            Assert.Matches("^[0-9a-f]{32}$", SignNo(first));
            Assert.Equal(SignNo(first), SignNo(retried));
            Assert.Equal(SignTime(first), SignTime(retried));
            Assert.NotEqual(SignNo(first), SignNo(other));
            Assert.Equal(SignNo(first), SignNo(retriedAfterRestart));
            Assert.Equal(SignTime(first), SignTime(retriedAfterRestart));
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    private static byte[] SignInBody(string msgid) => Encoding.UTF8.GetBytes(SettlementHost.Envelope("9001", new JsonObject
    {
        ["signIn"] = new JsonObject { ["opter_no"] = "001", ["mac"] = "00-1A-2B-3C-4D-5E", ["ip"] = "10.0.0.8" },
    }, Hospital, msgid).ToJsonString());

    private static string SignNo(Answer answer) => answer.Output["signinoutb"]!["sign_no"]!.GetValue<string>();

    private static string SignTime(Answer answer) => answer.Output["signinoutb"]!["sign_time"]!.GetValue<string>();
}
