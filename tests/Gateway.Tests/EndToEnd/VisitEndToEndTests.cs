using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Settlement;
using Medisettle.Interfaces.Visits;

namespace Medisettle.Gateway.Tests.EndToEnd;

/// <summary>Registered visits: outpatient 2201–2208 and inpatient 2401/2402, 2301–2305.</summary>
[Collection(SettlementHostCollection.Name)]
public sealed class VisitEndToEndTests(SettlementHost host)
{
    private static readonly string Hospital = SettlementHost.Hospital;

    [Fact]
    public async Task Resident_inpatient_stay_at_tier_3_pays_after_the_deductible_at_60_percent()
    {
        // P0 adult resident at tier 3: deductible 400, ratio 60%. Stay of 10,000.00 (甲类):
        // hifp_pay = (10,000 − 400) × 60% = 5,760.00; 大病 base 4,240 < T 30,000 → 0; no account: cash 4,240.00.
        var psn = await host.EnrolAsync(Scheme.MergedResident, PersonCategory.AdultResident);
        var mdtrtId = await AdmitAsync(psn);
        Assert.Equal(0, (await host.CallAsync("2301", Inputs.Fees(Inputs.Fee(psn, mdtrtId, "F1", 6000m), Inputs.Fee(psn, mdtrtId, "F2", 4000m)), Hospital)).Infcode);
        Assert.Equal(0, (await host.CallAsync("2301", Inputs.Fees(Inputs.Fee(psn, mdtrtId, "F3", 500m, batch: "B2")), Hospital)).Infcode);
        Assert.Equal(0, (await host.CallAsync("2302", Inputs.FeeCancel(psn, mdtrtId, "F3"), Hospital)).Infcode);
        Assert.Equal(0, (await host.CallAsync("2402", Inputs.Discharge(psn, mdtrtId), Hospital)).Infcode);

        var pre = await host.CallAsync("2303", Inputs.Settle(psn, mdtrtId, 10_000m, "21"), Hospital);
        var settled = await host.CallAsync("2304", Inputs.Settle(psn, mdtrtId, 10_000m, "21"), Hospital);

        foreach (var answer in new[] { pre, settled })
        {
            Assert.Equal(0, answer.Infcode);
            Assert.Equal(400.00m, answer.Amount("act_pay_dedc"));
            Assert.Equal(5_760.00m, answer.Amount("hifp_pay"));
            Assert.Equal(5_760.00m, answer.Amount("fund_pay_sumamt"));
            Assert.Equal(4_240.00m, answer.Amount("psn_cash_pay"));
            Assert.Equal(0m, answer.Amount("hifmi_pay"));
            var line = answer.Output["setldetail"]![0]!;
            Assert.Equal("310100", line["fund_pay_type"]!.GetValue<string>());
            Assert.Equal(5_760.00m, line["fund_payamt"]!.GetValue<decimal>());
        }

        var visit = await host.Grains.GetGrain<IVisitGrain>(mdtrtId).GetAsync();
        Assert.Equal(VisitStatus.Settled, visit!.Status);
        Assert.Equal(settled.Text("setl_id"), visit.SettlementId);
    }

    [Fact]
    public async Task Employee_inpatient_stay_pays_80_percent_without_deductible()
    {
        // P0 employees: ratio 80%, deductible 0, cap 41,000. Stay of 10,000.00 with the account not used:
        // hifp_pay 8,000.00, cash 2,000.00.
        var psn = await host.EnrolAsync(Scheme.Employee, PersonCategory.Employed, accountYuan: 500m);
        var mdtrtId = await AdmitAsync(psn);
        await host.CallAsync("2301", Inputs.Fees(Inputs.Fee(psn, mdtrtId, "F1", 10_000m)), Hospital);

        var settled = await host.CallAsync("2304", Inputs.Settle(psn, mdtrtId, 10_000m, "21", useAccount: false), Hospital);

        Assert.Equal(0, settled.Infcode);
        Assert.Equal(0m, settled.Amount("act_pay_dedc"));
        Assert.Equal(8_000.00m, settled.Amount("hifp_pay"));
        Assert.Equal(2_000.00m, settled.Amount("psn_cash_pay"));
        Assert.Equal(500.00m, settled.Amount("balc"));
    }

    [Fact]
    public async Task Cancelling_an_inpatient_settlement_restores_year_to_date_and_reopens_the_visit()
    {
        var psn = await host.EnrolAsync(Scheme.MergedResident, PersonCategory.AdultResident);
        var mdtrtId = await AdmitAsync(psn);
        await host.CallAsync("2301", Inputs.Fees(Inputs.Fee(psn, mdtrtId, "F1", 1_400m)), Hospital);
        var settled = await host.CallAsync("2304", Inputs.Settle(psn, mdtrtId, 1_400m, "21"), Hospital);
        var person = host.Grains.GetGrain<IPersonGrain>(psn);
        Assert.Equal(60_000, (await person.GetSnapshotAsync())!.YearToDateFor(2025).FundsPaid.BasicPooled.Fen); // (1,400 − 400) × 60% = 600.00

        var cancelled = await host.CallAsync("2305", Inputs.Cancel(psn, settled.Text("setl_id"), mdtrtId), Hospital);

        Assert.Equal(0, cancelled.Infcode);
        Assert.Equal(-600.00m, cancelled.Amount("hifp_pay"));
        Assert.Equal(0, (await person.GetSnapshotAsync())!.YearToDateFor(2025).FundsPaid.BasicPooled.Fen);
        Assert.Equal(VisitStatus.Open, (await host.Grains.GetGrain<IVisitGrain>(mdtrtId).GetAsync())!.Status);
        var again = await host.CallAsync("2304", Inputs.Settle(psn, mdtrtId, 1_400m, "21"), Hospital);
        Assert.Equal(600.00m, again.Amount("hifp_pay"));
        Assert.NotEqual(settled.Text("setl_id"), again.Text("setl_id"));
    }

    [Fact]
    public async Task Outpatient_settlement_of_0_00_is_refused_as_an_empty_swipe_and_0_01_is_settled()
    {
        var psn = await host.EnrolAsync(Scheme.Employee, PersonCategory.Employed, accountYuan: 10m);
        var registered = await host.CallAsync("2201", Inputs.Register(psn), Hospital);
        var mdtrtId = registered.Output["data"]!["mdtrt_id"]!.GetValue<string>();
        Assert.Equal(0, (await host.CallAsync("2204", Inputs.Fees(Inputs.Fee(psn, mdtrtId, "F1", 0m)), Hospital)).Infcode);

        var empty = await host.CallAsync("2207", Inputs.Settle(psn, mdtrtId, 0m, "11"), Hospital);
        var visitAfterEmpty = await host.Grains.GetGrain<IVisitGrain>(mdtrtId).GetAsync();
        var personAfterEmpty = await host.AdminAsync(HttpMethod.Get, $"/persons/{psn}");
        Assert.Equal(0, (await host.CallAsync("2204", Inputs.Fees(Inputs.Fee(psn, mdtrtId, "F2", 0.01m)), Hospital)).Infcode);
        var cent = await host.CallAsync("2207", Inputs.Settle(psn, mdtrtId, 0.01m, "11"), Hospital);

        Assert.Equal(2004, empty.Infcode);
        Assert.StartsWith("empty swipe (空刷)", empty.ErrMsg, StringComparison.Ordinal);
        Assert.Equal(VisitStatus.Open, visitAfterEmpty!.Status);
        Assert.Empty(personAfterEmpty.Body["settlements"]!.AsArray());
        Assert.Equal(0, cent.Infcode);
        Assert.Equal(0.01m, cent.Amount("medfee_sumamt"));
    }

    [Fact]
    public async Task Outpatient_visit_register_upload_withdraw_settle_and_cancel()
    {
        // P0 employee ordinary outpatient is account-only: 2 lines 30.00 + 20.00, the 20.00 withdrawn:
        // 30.00 paid from the account (200.00 → 170.00).
        var psn = await host.EnrolAsync(Scheme.Employee, PersonCategory.Employed, accountYuan: 200m);
        var registered = await host.CallAsync("2201", Inputs.Register(psn), Hospital);
        Assert.Equal(0, registered.Infcode);
        var mdtrtId = registered.Output["data"]!["mdtrt_id"]!.GetValue<string>();
        Assert.Equal(0, (await host.CallAsync("2203", Inputs.VisitInfo(psn, mdtrtId, "11", "J06.9"), Hospital)).Infcode);
        var upload = await host.CallAsync("2204", Inputs.Fees(Inputs.Fee(psn, mdtrtId, "F1", 30m), Inputs.Fee(psn, mdtrtId, "F2", 20m, batch: "B2", level: "03")), Hospital);
        Assert.Equal(0, upload.Infcode);
        Assert.Equal(20.00m, upload.Output["result"]![1]!["fulamt_ownpay_amt"]!.GetValue<decimal>());
        Assert.Equal(0, (await host.CallAsync("2205", Inputs.FeeCancel(psn, mdtrtId, "B2"), Hospital)).Infcode);

        var mismatch = await host.CallAsync("2207", Inputs.Settle(psn, mdtrtId, 50m, "11"), Hospital);
        var pre = await host.CallAsync("2206", Inputs.Settle(psn, mdtrtId, 30m, "11"), Hospital);
        var settled = await host.CallAsync("2207", Inputs.Settle(psn, mdtrtId, 30m, "11"), Hospital);
        var cancelled = await host.CallAsync("2208", Inputs.Cancel(psn, settled.Text("setl_id"), mdtrtId), Hospital);

        Assert.Equal(2001, mismatch.Infcode);
        Assert.Contains("add up to 30.00, not the declared medfee_sumamt 50.00", mismatch.ErrMsg, StringComparison.Ordinal);
        Assert.Equal(30.00m, pre.Amount("acct_pay"));
        Assert.Equal(30.00m, settled.Amount("acct_pay"));
        Assert.Equal(170.00m, settled.Amount("balc"));
        Assert.Equal(200.00m, cancelled.Amount("balc"));
        Assert.Equal(0, (await host.CallAsync("2202", new System.Text.Json.Nodes.JsonObject { ["data"] = new System.Text.Json.Nodes.JsonObject { ["psn_no"] = psn, ["mdtrt_id"] = mdtrtId, ["ipt_otp_no"] = "OP0001" } }, Hospital)).Infcode);
        Assert.Equal(VisitStatus.Cancelled, (await host.Grains.GetGrain<IVisitGrain>(mdtrtId).GetAsync())!.Status);
    }

    [Fact]
    public async Task Retried_outpatient_settlement_and_cancel_return_the_first_answers()
    {
        var psn = await host.EnrolAsync(Scheme.Employee, PersonCategory.Employed, accountYuan: 200m);
        var mdtrtId = await RegisterWithFeeAsync(psn, 30m);
        var settleMsg = host.NewMsgid(Hospital);
        var cancelMsg = host.NewMsgid(Hospital);

        var first = await host.CallAsync("2207", Inputs.Settle(psn, mdtrtId, 30m, "11"), Hospital, settleMsg);
        var retry = await host.CallAsync("2207", Inputs.Settle(psn, mdtrtId, 30m, "11"), Hospital, settleMsg);
        var cancel = await host.CallAsync("2208", Inputs.Cancel(psn, first.Text("setl_id"), mdtrtId), Hospital, cancelMsg);
        var cancelRetry = await host.CallAsync("2208", Inputs.Cancel(psn, first.Text("setl_id"), mdtrtId), Hospital, cancelMsg);

        Assert.Equal(first.Body["output"]!.ToJsonString(), retry.Body["output"]!.ToJsonString());
        Assert.Equal(cancel.Body["output"]!.ToJsonString(), cancelRetry.Body["output"]!.ToJsonString());
        Assert.Equal(20_000, (await host.Grains.GetGrain<IPersonGrain>(psn).GetSnapshotAsync())!.AccountBalance.Fen);
    }

    [Fact]
    public async Task A_settled_visit_leaves_memory_and_then_answers_from_storage()
    {
        var (psn, mdtrtId, visit, management) = await OpenVisitAsync();
        Assert.Equal(1, await management.GetGrainActivationCount((GrainReference)visit)); // an open visit stays in memory

        var settled = await host.CallAsync("2207", Inputs.Settle(psn, mdtrtId, 30m, "11"), Hospital);

        Assert.Equal(0, settled.Infcode);
        await WaitUntilInactiveAsync(management, visit, mdtrtId);

        var stored = await visit.GetAsync();
        Assert.Equal((VisitStatus.Settled, settled.Text("setl_id")), (stored!.Status, stored.SettlementId));
        var again = await host.CallAsync("2207", Inputs.Settle(psn, mdtrtId, 30m, "11"), Hospital);
        Assert.StartsWith("VisitAlreadySettled", again.ErrMsg, StringComparison.Ordinal);
        await WaitUntilInactiveAsync(management, visit, mdtrtId); // the reads brought it back; they do not keep it
    }

    [Fact]
    public async Task A_retried_settlement_answers_the_first_answer_and_leaves_no_activation()
    {
        var (psn, mdtrtId, visit, management) = await OpenVisitAsync();
        var msgid = host.NewMsgid(Hospital);
        var first = await host.CallAsync("2207", Inputs.Settle(psn, mdtrtId, 30m, "11"), Hospital, msgid);
        await WaitUntilInactiveAsync(management, visit, mdtrtId);

        var retry = await host.CallAsync("2207", Inputs.Settle(psn, mdtrtId, 30m, "11"), Hospital, msgid);

        Assert.Equal(first.Body["output"]!.ToJsonString(), retry.Body["output"]!.ToJsonString());
        await WaitUntilInactiveAsync(management, visit, mdtrtId);
    }

    [Fact]
    public async Task An_unknown_visit_is_refused_and_leaves_no_activation()
    {
        var psn = await host.EnrolAsync(Scheme.Employee, PersonCategory.Employed, accountYuan: 200m);
        const string unknown = "MDUNKNOWN0000000000000000000001";
        var visit = host.Grains.GetGrain<IVisitGrain>(unknown);
        var management = host.Grains.GetGrain<IManagementGrain>(0);

        var upload = await host.CallAsync("2204", Inputs.Fees(Inputs.Fee(psn, unknown, "F1", 5m)), Hospital);
        await WaitUntilInactiveAsync(management, visit, unknown);
        var settle = await host.CallAsync("2207", Inputs.Settle(psn, unknown, 5m, "11"), Hospital);
        await WaitUntilInactiveAsync(management, visit, unknown);

        Assert.StartsWith("UnknownVisit", upload.ErrMsg, StringComparison.Ordinal);
        Assert.StartsWith("UnknownVisit", settle.ErrMsg, StringComparison.Ordinal);
        Assert.Null(await visit.GetAsync());
    }

    [Fact]
    public async Task A_cancelled_registration_leaves_memory_and_stays_cancelled()
    {
        var psn = await host.EnrolAsync(Scheme.Employee, PersonCategory.Employed);
        var mdtrtId = await RegisterWithFeeAsync(psn, 30m);
        var visit = host.Grains.GetGrain<IVisitGrain>(mdtrtId);
        var management = host.Grains.GetGrain<IManagementGrain>(0);

        var cancelled = await host.CallAsync("2202", new System.Text.Json.Nodes.JsonObject { ["data"] = new System.Text.Json.Nodes.JsonObject { ["psn_no"] = psn, ["mdtrt_id"] = mdtrtId, ["ipt_otp_no"] = "OP0001" } }, Hospital);

        Assert.Equal(0, cancelled.Infcode);
        await WaitUntilInactiveAsync(management, visit, mdtrtId);
        Assert.Equal(VisitStatus.Cancelled, (await visit.GetAsync())!.Status);
    }

    /// <summary>An employee with 200.00 in the account and a registered outpatient visit with one 30.00 line.</summary>
    private async Task<(string Psn, string MdtrtId, IVisitGrain Visit, IManagementGrain Management)> OpenVisitAsync()
    {
        var psn = await host.EnrolAsync(Scheme.Employee, PersonCategory.Employed, accountYuan: 200m);
        var mdtrtId = await RegisterWithFeeAsync(psn, 30m);
        return (psn, mdtrtId, host.Grains.GetGrain<IVisitGrain>(mdtrtId), host.Grains.GetGrain<IManagementGrain>(0));
    }

    /// <summary>Waits until no silo's catalog holds the visit (asked of every silo: a silo's directory cache may still name a gone activation).</summary>
    private static async Task WaitUntilInactiveAsync(IManagementGrain management, IVisitGrain visit, string mdtrtId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await management.GetGrainActivationCount((GrainReference)visit) > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"visit {mdtrtId} is still active 10 s after it ended");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task Retried_registration_returns_the_same_visit()
    {
        var psn = await host.EnrolAsync(Scheme.Employee, PersonCategory.Employed);
        var msgid = host.NewMsgid(Hospital);

        var first = await host.CallAsync("2201", Inputs.Register(psn), Hospital, msgid);
        var retry = await host.CallAsync("2201", Inputs.Register(psn), Hospital, msgid);

        Assert.Equal(0, retry.Infcode);
        Assert.Equal(first.Output.ToJsonString(), retry.Output.ToJsonString());
    }

    [Fact]
    public async Task Another_hospital_can_neither_upload_to_nor_settle_the_visit()
    {
        var psn = await host.EnrolAsync(Scheme.Employee, PersonCategory.Employed, accountYuan: 200m);
        var mdtrtId = await RegisterWithFeeAsync(psn, 30m);

        var upload = await host.CallAsync("2204", Inputs.Fees(Inputs.Fee(psn, mdtrtId, "F9", 5m)), SettlementHost.OtherHospital);
        var settle = await host.CallAsync("2207", Inputs.Settle(psn, mdtrtId, 30m, "11"), SettlementHost.OtherHospital);

        Assert.StartsWith("InstitutionMismatch", upload.ErrMsg, StringComparison.Ordinal);
        Assert.StartsWith("InstitutionMismatch", settle.ErrMsg, StringComparison.Ordinal);
        var visit = await host.Grains.GetGrain<IVisitGrain>(mdtrtId).GetAsync();
        Assert.Single(visit!.FeeLines);
        Assert.Equal(VisitStatus.Open, visit.Status);
    }

    [Fact]
    public async Task Settled_visit_refuses_more_fees_and_double_settlement()
    {
        var psn = await host.EnrolAsync(Scheme.Employee, PersonCategory.Employed, accountYuan: 200m);
        var mdtrtId = await RegisterWithFeeAsync(psn, 30m);
        await host.CallAsync("2207", Inputs.Settle(psn, mdtrtId, 30m, "11"), Hospital);

        var upload = await host.CallAsync("2204", Inputs.Fees(Inputs.Fee(psn, mdtrtId, "F9", 5m)), Hospital);
        var second = await host.CallAsync("2207", Inputs.Settle(psn, mdtrtId, 30m, "11"), Hospital);

        Assert.StartsWith("NotOpen", upload.ErrMsg, StringComparison.Ordinal);
        Assert.StartsWith("VisitAlreadySettled", second.ErrMsg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discharge_of_an_outpatient_visit_and_settling_an_unknown_visit_are_refused()
    {
        var psn = await host.EnrolAsync(Scheme.Employee, PersonCategory.Employed);
        var mdtrtId = await RegisterWithFeeAsync(psn, 30m);

        var discharge = await host.CallAsync("2402", Inputs.Discharge(psn, mdtrtId), Hospital);
        var unknown = await host.CallAsync("2207", Inputs.Settle(psn, "MDNOSUCHVISIT", 30m, "11"), Hospital);

        Assert.StartsWith("WrongVisitKind", discharge.ErrMsg, StringComparison.Ordinal);
        Assert.StartsWith("UnknownVisit", unknown.ErrMsg, StringComparison.Ordinal);
    }

    private async Task<string> AdmitAsync(string psn)
    {
        var admitted = await host.CallAsync("2401", Inputs.Admission(psn), Hospital);
        Assert.Equal(0, admitted.Infcode);
        return admitted.Output["result"]!["mdtrt_id"]!.GetValue<string>();
    }

    private async Task<string> RegisterWithFeeAsync(string psn, decimal amount)
    {
        var registered = await host.CallAsync("2201", Inputs.Register(psn), Hospital);
        var mdtrtId = registered.Output["data"]!["mdtrt_id"]!.GetValue<string>();
        Assert.Equal(0, (await host.CallAsync("2204", Inputs.Fees(Inputs.Fee(psn, mdtrtId, "F1", amount)), Hospital)).Infcode);
        return mdtrtId;
    }
}
