using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.Json;
using Medisettle.Interfaces.Platform;
using Medisettle.Interfaces.Security;
using Medisettle.Storage.Compression;
using Microsoft.Data.Sqlite;

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
        await WithOwnHostAsync(async host =>
        {
        var body = SignInBody(host.NewMsgid(Hospital));
        var at = host.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        var first = await host.SendAsync(body, Hospital, timestampMilliseconds: at);

        await host.RestartAsync();
        var replayed = await host.SendAsync(body, Hospital, timestampMilliseconds: at);

        Assert.Equal((HttpStatusCode.OK, Infcodes.Success), (first.Status, first.Infcode));
        Assert.Equal((HttpStatusCode.Unauthorized, Infcodes.Replay), (replayed.Status, replayed.Infcode));
        Assert.Equal("request already received (replayed signature); sign each request afresh", replayed.ErrMsg);
        });
    }

    [Fact]
    public async Task Replay_through_a_second_gateway_is_refused()
    {
        await WithOwnHostAsync(async host =>
        {
        using var second = await host.AddGatewayAsync();
        var body = SignInBody(host.NewMsgid(Hospital));
        var at = host.Clock.GetUtcNow().ToUnixTimeMilliseconds();

        var first = await host.SendAsync(body, Hospital, timestampMilliseconds: at);
        var replayed = await host.SendAsync(body, Hospital, timestampMilliseconds: at, via: second);

        Assert.Equal((HttpStatusCode.OK, Infcodes.Success), (first.Status, first.Infcode));
        Assert.Equal((HttpStatusCode.Unauthorized, Infcodes.Replay), (replayed.Status, replayed.Infcode));
        });
    }

    [Fact]
    public async Task Sign_in_retried_with_the_same_msgid_answers_the_same_sign_no_on_any_gateway_and_after_a_restart()
    {
        await WithOwnHostAsync(async host =>
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
        });
    }

    [Fact]
    public async Task A_refused_request_has_its_signature_written_before_its_answer_and_a_settled_or_read_one_waits_for_no_write()
    {
        await WithOwnHostAsync(async host =>
        {
        // 2102 for a person not enrolled yet is refused; once enrolled, a replay of it would settle if it got through.
        var psn = host.NewPersonId();
        var at = host.Clock.GetUtcNow().ToUnixTimeMilliseconds() / 10_000 * 10_000; // the start of a bucket
        var refusedBody = PharmacyBody(host, psn);
        var refused = await host.SendAsync(refusedBody, Pharmacy, timestampMilliseconds: at);
        var afterRefusal = await StoredSlotAsync(host, at);
        await host.EnrolAsync(psn, Interfaces.Settlement.Scheme.Employee, Interfaces.Settlement.PersonCategory.Employed, accountYuan: 100m);
        var settledBody = PharmacyBody(host, psn);
        var settled = await host.SendAsync(settledBody, Pharmacy, timestampMilliseconds: at + 1);
        var read = await host.SendAsync(SettlementHost.Body("1101", Inputs.PersonInfo(psn), Pharmacy, host.NewMsgid(Pharmacy)), Pharmacy, timestampMilliseconds: at + 2);
        var afterSettledAndRead = await StoredSlotAsync(host, at);
        var refusedReplayed = await host.SendAsync(refusedBody, Pharmacy, timestampMilliseconds: at);
        var settledReplayed = await host.SendAsync(settledBody, Pharmacy, timestampMilliseconds: at + 1);
        var person = await host.AdminAsync(HttpMethod.Get, $"/persons/{psn}");

        Assert.Equal([2002, 0, 0], [refused.Infcode, settled.Infcode, read.Infcode]);
        Assert.Equal(1, afterRefusal!.Value.Version);
        Assert.Equal([SignatureOf(host, refusedBody, at)], afterRefusal.Value.Signatures);
        Assert.Equal(1, afterSettledAndRead!.Value.Version); // neither the settlement nor the query wrote the slot
        Assert.Equal([SignatureOf(host, refusedBody, at)], afterSettledAndRead.Value.Signatures);
        Assert.Equal((HttpStatusCode.Unauthorized, Infcodes.Replay), (refusedReplayed.Status, refusedReplayed.Infcode));
        Assert.Equal((HttpStatusCode.Unauthorized, Infcodes.Replay), (settledReplayed.Status, settledReplayed.Infcode));
        Assert.Single(person.Body["settlements"]!.AsArray());
        });
    }

    [Fact]
    public async Task A_settled_request_never_written_by_its_own_answer_is_still_refused_as_a_replay_after_a_clean_restart()
    {
        await WithOwnHostAsync(async host =>
        {
        var psn = await host.EnrolAsync(Interfaces.Settlement.Scheme.Employee, Interfaces.Settlement.PersonCategory.Employed, accountYuan: 100m);
        var at = host.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        var body = PharmacyBody(host, psn);
        var settled = await host.SendAsync(body, Pharmacy, timestampMilliseconds: at);
        var beforeRestart = await StoredSlotAsync(host, at);

        await host.RestartAsync(); // the slot leaves memory with the silo, and writes what it held
        var afterRestart = await StoredSlotAsync(host, at);
        var replayed = await host.SendAsync(body, Pharmacy, timestampMilliseconds: at);
        var person = await host.AdminAsync(HttpMethod.Get, $"/persons/{psn}");

        Assert.Equal(0, settled.Infcode);
        Assert.Null(beforeRestart);
        Assert.Equal([SignatureOf(host, body, at)], afterRestart!.Value.Signatures);
        Assert.Equal((HttpStatusCode.Unauthorized, Infcodes.Replay), (replayed.Status, replayed.Infcode));
        Assert.Single(person.Body["settlements"]!.AsArray());
        });
    }

    private static readonly string Pharmacy = SettlementHost.Pharmacy;

    /// <summary>Runs <paramref name="test"/> on a host of its own (it restarts the host, adds a gateway, or reads its slot rows).</summary>
    private static async Task WithOwnHostAsync(Func<SettlementHost, Task> test)
    {
        var host = new SettlementHost();
        await host.InitializeAsync();
        try
        {
            await test(host);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    private static byte[] PharmacyBody(SettlementHost host, string psn) =>
        SettlementHost.Body("2102", Inputs.Pharmacy(psn, 10m, Inputs.Drug(10m)), Pharmacy, host.NewMsgid(Pharmacy));

    /// <summary>The first 16 bytes of the request's signature, as the replay window keeps them (32 hex characters).</summary>
    private static string SignatureOf(SettlementHost host, byte[] body, long at) =>
        RequestSigner.Sign(host.Credentials.SecretOf(Pharmacy), at, Pharmacy, body)[..32];

    /// <summary>The pharmacy's replay-window slot of <paramref name="at"/>'s bucket as committed: its version and signatures; null before its first write.</summary>
    private static async Task<(long Version, List<string> Signatures)?> StoredSlotAsync(SettlementHost host, long at)
    {
        var key = ReplayWindowKeys.GrainKey(Pharmacy, ReplayWindowKeys.BucketOf(at), TimeSpan.FromSeconds(300));
        await using var connection = new SqliteConnection($"Data Source={host.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, payload FROM grain_state WHERE state_name = 'replay' AND grain_key = $key";
        command.Parameters.AddWithValue("$key", key);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        using var json = JsonDocument.Parse(PayloadCodec.Decode((byte[])reader.GetValue(1), "State", "replay slot").ToArray());
        var packed = Convert.FromBase64String(json.RootElement.GetProperty("recorded").GetString()!);
        return (reader.GetInt64(0), packed.Chunk(16).Select(c => Convert.ToHexStringLower(c)).ToList());
    }

    private static byte[] SignInBody(string msgid) => Encoding.UTF8.GetBytes(SettlementHost.Envelope("9001", new JsonObject
    {
        ["signIn"] = new JsonObject { ["opter_no"] = "001", ["mac"] = "00-1A-2B-3C-4D-5E", ["ip"] = "10.0.0.8" },
    }, Hospital, msgid).ToJsonString());

    private static string SignNo(Answer answer) => answer.Output["signinoutb"]!["sign_no"]!.GetValue<string>();

    private static string SignTime(Answer answer) => answer.Output["signinoutb"]!["sign_time"]!.GetValue<string>();
}
