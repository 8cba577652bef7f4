using System.Net;
using System.Text.Json.Nodes;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Platform;
using Medisettle.Interfaces.Settlement;

namespace Medisettle.Gateway.Tests.EndToEnd;

/// <summary>
/// msgid over the wire: a retry gets its first answer however late (also when the clock has moved on and the
/// fields are sent in another order); a msgid reused for a different request is answered 2003 and changes nothing.
/// </summary>
[Collection(SettlementHostCollection.Name)]
public sealed class MessageIdEndToEndTests(SettlementHost host)
{
    [Fact]
    public async Task A_pharmacy_retry_after_17_newer_swipes_for_the_person_gets_the_first_setl_id()
    {
        var psn = await host.EnrolAsync(Scheme.Employee, PersonCategory.Employed, accountYuan: 500m);
        var msgid = host.NewMsgid(SettlementHost.Pharmacy);
        var first = await host.CallAsync("2102", Inputs.Pharmacy(psn, 10m, Inputs.Drug(10m)), SettlementHost.Pharmacy, msgid);
        for (var i = 0; i < 17; i++)
        {
            Assert.Equal(0, (await host.CallAsync("2102", Inputs.Pharmacy(psn, 10m, Inputs.Drug(10m)), SettlementHost.Pharmacy)).Infcode);
        }

        var retry = await host.CallAsync("2102", Reordered(Inputs.Pharmacy(psn, 10m, Inputs.Drug(10m))), SettlementHost.Pharmacy, msgid);

        Assert.Equal(0, first.Infcode);
        Assert.Equal(0, retry.Infcode);
        Assert.Equal(first.Text("setl_id"), retry.Text("setl_id"));
        Assert.Equal(320.00m, (await Snapshot(psn)).AccountBalance.ToYuan());
    }

    [Fact]
    public async Task A_msgid_reused_with_another_amount_is_2003_and_changes_nothing()
    {
        var psn = await host.EnrolAsync(Scheme.Employee, PersonCategory.Employed, accountYuan: 500m);
        var msgid = host.NewMsgid(SettlementHost.Pharmacy);
        await host.CallAsync("2102", Inputs.Pharmacy(psn, 10m, Inputs.Drug(10m)), SettlementHost.Pharmacy, msgid);

        var reused = await host.CallAsync("2102", Inputs.Pharmacy(psn, 20m, Inputs.Drug(20m)), SettlementHost.Pharmacy, msgid);

        Assert.Equal((HttpStatusCode.OK, Infcodes.DuplicateMsgidConflict), (reused.Status, reused.Infcode));
        Assert.StartsWith($"MessageIdConflict: msgid {msgid} was already used by institution {SettlementHost.Pharmacy} for a different request", reused.ErrMsg, StringComparison.Ordinal);
        Assert.Equal(490.00m, (await Snapshot(psn)).AccountBalance.ToYuan());
    }

    [Fact]
    public async Task A_msgid_reused_for_another_person_is_2003_on_every_retry_and_changes_nothing()
    {
        var first = await host.EnrolAsync(Scheme.Employee, PersonCategory.Employed, accountYuan: 500m);
        var other = await host.EnrolAsync(Scheme.Employee, PersonCategory.Employed, accountYuan: 500m);
        var msgid = host.NewMsgid(SettlementHost.Pharmacy);
        var settled = await host.CallAsync("2102", Inputs.Pharmacy(first, 10m, Inputs.Drug(10m)), SettlementHost.Pharmacy, msgid);

        var reused = await host.CallAsync("2102", Inputs.Pharmacy(other, 10m, Inputs.Drug(10m)), SettlementHost.Pharmacy, msgid);
        var again = await host.CallAsync("2102", Inputs.Pharmacy(other, 10m, Inputs.Drug(10m)), SettlementHost.Pharmacy, msgid);
        var firstRetry = await host.CallAsync("2102", Inputs.Pharmacy(first, 10m, Inputs.Drug(10m)), SettlementHost.Pharmacy, msgid);

        Assert.Equal((HttpStatusCode.OK, Infcodes.DuplicateMsgidConflict), (reused.Status, reused.Infcode));
        Assert.Equal((HttpStatusCode.OK, Infcodes.DuplicateMsgidConflict), (again.Status, again.Infcode));
        Assert.Equal(settled.Text("setl_id"), firstRetry.Text("setl_id"));
        var untouched = await Snapshot(other);
        Assert.Equal((500.00m, 0), (untouched.AccountBalance.ToYuan(), untouched.ActiveSettlements.Count));
    }

    [Fact]
    public async Task An_outpatient_settlement_retried_after_its_visit_was_cancelled_gets_its_first_answer()
    {
        var psn = await host.EnrolAsync(Scheme.Employee, PersonCategory.Employed, accountYuan: 200m);
        var registered = await host.CallAsync("2201", Inputs.Register(psn), SettlementHost.Hospital);
        var mdtrtId = registered.Output["data"]!["mdtrt_id"]!.GetValue<string>();
        Assert.Equal(0, (await host.CallAsync("2204", Inputs.Fees(Inputs.Fee(psn, mdtrtId, "F1", 30m)), SettlementHost.Hospital)).Infcode);
        var settleMsg = host.NewMsgid(SettlementHost.Hospital);
        var settled = await host.CallAsync("2207", Inputs.Settle(psn, mdtrtId, 30m, "11"), SettlementHost.Hospital, settleMsg);
        Assert.Equal(0, (await host.CallAsync("2208", Inputs.Cancel(psn, settled.Text("setl_id"), mdtrtId), SettlementHost.Hospital)).Infcode);
        var registrationCancelled = await host.CallAsync("2202", new JsonObject { ["data"] = new JsonObject { ["psn_no"] = psn, ["mdtrt_id"] = mdtrtId, ["ipt_otp_no"] = "OP0001" } }, SettlementHost.Hospital);

        var retry = await host.CallAsync("2207", Inputs.Settle(psn, mdtrtId, 30m, "11"), SettlementHost.Hospital, settleMsg);
        var newMessage = await host.CallAsync("2207", Inputs.Settle(psn, mdtrtId, 30m, "11"), SettlementHost.Hospital);

        Assert.Equal(0, registrationCancelled.Infcode);
        Assert.Equal((0, settled.Text("setl_id")), (retry.Infcode, retry.Text("setl_id")));
        Assert.Equal(settled.Body["output"]!.ToJsonString(), retry.Body["output"]!.ToJsonString());
        Assert.StartsWith("NotOpen: ", newMessage.ErrMsg, StringComparison.Ordinal);
        Assert.Equal(200.00m, (await Snapshot(psn)).AccountBalance.ToYuan());
    }

    private async Task<PersonSnapshot> Snapshot(string psn) => (await host.Grains.GetGrain<IPersonGrain>(psn).GetSnapshotAsync())!;

    /// <summary>The same input with its fields in reverse order: the same request to the gateway.</summary>
    private static JsonObject Reordered(JsonObject input)
    {
        var data = input["data"]!.AsObject();
        var reversed = new JsonObject();
        foreach (var (name, value) in data.Reverse().ToList())
        {
            reversed[name] = value?.DeepClone();
        }

        return new JsonObject { ["drugdetail"] = input["drugdetail"]!.DeepClone(), ["data"] = reversed };
    }
}
