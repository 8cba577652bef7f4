using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Settlement;

namespace Medisettle.Gateway.Tests.EndToEnd;

/// <summary>Every bad 2102 swipe gets its defined answer and changes nothing (account and settlements untouched).</summary>
[Collection(SettlementHostCollection.Name)]
public sealed class RefusalEndToEndTests(SettlementHost host)
{
    private static readonly string Pharmacy = SettlementHost.Pharmacy;

    [Theory]
    [InlineData("malformed JSON", HttpStatusCode.BadRequest, 1001, "malformed JSON")]
    [InlineData("amount as a string", HttpStatusCode.BadRequest, 1002, "field 'input.data.medfee_sumamt' must be a number")]
    [InlineData("missing psn_no", HttpStatusCode.BadRequest, 1003, "missing required field 'input.data.psn_no'")]
    [InlineData("unknown field", HttpStatusCode.BadRequest, 1004, "unknown field 'input.data.discount'")]
    [InlineData("oversized body", HttpStatusCode.RequestEntityTooLarge, 1005, "request body exceeds RequestBodyBytesMax")]
    [InlineData("negative amount", HttpStatusCode.BadRequest, 1006, "must not be negative")]
    [InlineData("overflowing amount", HttpStatusCode.BadRequest, 1006, "exceeds the largest amount")]
    [InlineData("three decimals", HttpStatusCode.BadRequest, 1006, "has more than two decimals")]
    [InlineData("lines not adding up", HttpStatusCode.OK, 2001, "drug lines add up to 40.00, not the declared medfee_sumamt 41.00")]
    [InlineData("unknown person", HttpStatusCode.OK, 2002, "UnknownPerson: person 990001****0000 is not enrolled")]
    [InlineData("unknown list_type", HttpStatusCode.BadRequest, 1006, "field 'input.drugdetail[0].list_type': unknown code '999'")]
    [InlineData("unknown hilist_class", HttpStatusCode.BadRequest, 1006, "field 'input.drugdetail[0].hilist_class': unknown code '7'")]
    [InlineData("unknown med_type", HttpStatusCode.BadRequest, 1006, "field 'input.data.med_type': '99' is not 41")]
    [InlineData("wrong insured region", HttpStatusCode.OK, -1, "RegionMismatch: insuplc_admdvs 220722 is not the person's insured region 990001")]
    [InlineData("no drug lines", HttpStatusCode.BadRequest, 1006, "field 'input.drugdetail' must have at least 1 line(s)")]
    public async Task Bad_swipe_is_refused_and_changes_nothing(string spoil, HttpStatusCode status, int infcode, string message)
    {
        var psn = await host.EnrolAsync(Scheme.Employee, PersonCategory.Employed, accountYuan: 100m);
        var envelope = SettlementHost.Envelope("2102", Inputs.Pharmacy(psn, 40m, Inputs.Drug(40m)), Pharmacy, host.NewMsgid(Pharmacy));

        var answer = await host.SendAsync(Spoil(envelope, spoil), Pharmacy);

        Assert.Equal(status, answer.Status);
        Assert.Equal(infcode, answer.Infcode);
        Assert.Contains(message, answer.ErrMsg, StringComparison.Ordinal);
        Assert.Null(answer.Body["output"]);
        await AssertUntouchedAsync(psn);
    }

    [Fact]
    public async Task Bad_signature_expired_timestamp_unknown_institution_and_replay_are_refused()
    {
        var psn = await host.EnrolAsync(Scheme.Employee, PersonCategory.Employed, accountYuan: 100m);
        byte[] Body() => Encoding.UTF8.GetBytes(SettlementHost.Envelope("2102", Inputs.Pharmacy(psn, 40m, Inputs.Drug(40m)), Pharmacy, host.NewMsgid(Pharmacy)).ToJsonString());

        var badSignature = await host.SendAsync(Body(), Pharmacy, secret: host.Credentials.SecretOf(SettlementHost.OtherPharmacy));
        var expired = await host.SendAsync(Body(), Pharmacy, timestampMilliseconds: host.Clock.GetUtcNow().AddSeconds(-400).ToUnixTimeMilliseconds());
        var unknown = await host.SendAsync(Body(), "P99000199999", secret: "some-secret-of-sixteen-or-more");
        var body = Body();
        var at = host.Clock.GetUtcNow().AddSeconds(5).ToUnixTimeMilliseconds();
        var first = await host.SendAsync(body, Pharmacy, timestampMilliseconds: at);
        var replayed = await host.SendAsync(body, Pharmacy, timestampMilliseconds: at);

        Assert.Equal((HttpStatusCode.Unauthorized, 1103), (badSignature.Status, badSignature.Infcode));
        Assert.Equal((HttpStatusCode.Unauthorized, 1104), (expired.Status, expired.Infcode));
        Assert.Equal((HttpStatusCode.Unauthorized, 1102), (unknown.Status, unknown.Infcode));
        Assert.Equal(0, first.Infcode);
        Assert.Equal((HttpStatusCode.Unauthorized, 1105), (replayed.Status, replayed.Infcode));
        var snapshot = await host.Grains.GetGrain<IPersonGrain>(psn).GetSnapshotAsync();
        Assert.Single(snapshot!.ActiveSettlements);
        Assert.Equal(6_000, snapshot.AccountBalance.Fen);
    }

    [Fact]
    public async Task Msgid_reused_for_another_visit_operation_is_a_conflict()
    {
        var psn = await host.EnrolAsync(Scheme.Employee, PersonCategory.Employed);
        var registered = await host.CallAsync("2201", Inputs.Register(psn), SettlementHost.Hospital);
        var mdtrtId = registered.Output["data"]!["mdtrt_id"]!.GetValue<string>();
        var msgid = host.NewMsgid(SettlementHost.Hospital);
        Assert.Equal(0, (await host.CallAsync("2204", Inputs.Fees(Inputs.Fee(psn, mdtrtId, "F1", 10m)), SettlementHost.Hospital, msgid)).Infcode);

        var reused = await host.CallAsync("2205", Inputs.FeeCancel(psn, mdtrtId, "F1"), SettlementHost.Hospital, msgid);

        Assert.StartsWith("MessageConflict", reused.ErrMsg, StringComparison.Ordinal);
        Assert.Single((await host.Grains.GetGrain<IVisitGrain>(mdtrtId).GetAsync())!.FeeLines);
    }

    private async Task AssertUntouchedAsync(string psn)
    {
        var snapshot = await host.Grains.GetGrain<IPersonGrain>(psn).GetSnapshotAsync();
        Assert.Equal(10_000, snapshot!.AccountBalance.Fen);
        Assert.Empty(snapshot.ActiveSettlements);
        Assert.All(snapshot.Years, y => Assert.True(y.FundsPaid.BasicPooled.IsZero));
    }

    private static byte[] Spoil(JsonObject envelope, string spoil)
    {
        var data = envelope["input"]!["data"]!.AsObject();
        var line = envelope["input"]!["drugdetail"]![0]!.AsObject();
        switch (spoil)
        {
            case "malformed JSON":
                return Encoding.UTF8.GetBytes(envelope.ToJsonString()[..40]);
            case "amount as a string":
                data["medfee_sumamt"] = "40.00";
                break;
            case "missing psn_no":
                data.Remove("psn_no");
                break;
            case "unknown field":
                data["discount"] = 5;
                break;
            case "oversized body":
                envelope["opter_name"] = new string('x', 1_100_000);
                break;
            case "negative amount":
                data["medfee_sumamt"] = -40m;
                line["det_item_fee_sumamt"] = -40m;
                break;
            case "overflowing amount":
                data["medfee_sumamt"] = 100_000_000_000_000m;
                break;
            case "three decimals":
                data["medfee_sumamt"] = 40.001m;
                break;
            case "lines not adding up":
                data["medfee_sumamt"] = 41m;
                break;
            case "unknown person":
                data["psn_no"] = "99000100990000";
                data["mdtrt_cert_no"] = "99000100990000";
                break;
            case "unknown list_type":
                line["list_type"] = "999";
                break;
            case "unknown hilist_class":
                line["hilist_class"] = "7";
                break;
            case "unknown med_type":
                data["med_type"] = "99";
                break;
            case "wrong insured region":
                envelope["insuplc_admdvs"] = "220722";
                break;
            case "no drug lines":
                envelope["input"]!["drugdetail"] = new JsonArray();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(spoil), spoil, "no such spoiler");
        }

        return Encoding.UTF8.GetBytes(envelope.ToJsonString());
    }
}
