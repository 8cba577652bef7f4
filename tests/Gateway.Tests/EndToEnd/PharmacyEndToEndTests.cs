using System.Net;
using Medisettle.Grains.Demo;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Settlement;

namespace Medisettle.Gateway.Tests.EndToEnd;

/// <summary>9001, 1101 and the pharmacy fast path 2101/2102/2103 through the gateway on real grains.</summary>
[Collection(SettlementHostCollection.Name)]
public sealed class PharmacyEndToEndTests(SettlementHost host)
{
    [Fact]
    public async Task Pharmacy_swipe_of_0_00_is_refused_as_an_empty_swipe_and_0_01_is_settled()
    {
        var psn = await host.EnrolAsync(Scheme.Employee, PersonCategory.Employed, accountYuan: 10m);

        var empty = await host.CallAsync("2102", Inputs.Pharmacy(psn, 0m, Inputs.Drug(0m)), SettlementHost.Pharmacy);
        var afterEmpty = await host.AdminAsync(HttpMethod.Get, $"/persons/{psn}");
        var cent = await host.CallAsync("2102", Inputs.Pharmacy(psn, 0.01m, Inputs.Drug(0.01m)), SettlementHost.Pharmacy);
        var afterCent = await host.AdminAsync(HttpMethod.Get, $"/persons/{psn}");

        Assert.Equal(HttpStatusCode.OK, empty.Status);
        Assert.Equal(2004, empty.Infcode);
        Assert.Equal("empty swipe (空刷): medfee_sumamt is 0.00, there is nothing to settle; a settlement needs at least 0.01 of fees", empty.ErrMsg);
        Assert.Empty(afterEmpty.Body["settlements"]!.AsArray());
        Assert.Equal(1_000, afterEmpty.Body["accountBalance"]!.GetValue<long>());
        Assert.Equal(0, cent.Infcode);
        Assert.Equal(0.01m, cent.Amount("medfee_sumamt"));
        Assert.Single(afterCent.Body["settlements"]!.AsArray());
        Assert.Equal(999, afterCent.Body["accountBalance"]!.GetValue<long>());
    }

    [Fact]
    public async Task Sign_in_answers_a_session_number()
    {
        var answer = await host.CallAsync("9001", Inputs.SignIn(), SettlementHost.Pharmacy);

        Assert.Equal(0, answer.Infcode);
        Assert.Equal(32, answer.Output["signinoutb"]!["sign_no"]!.GetValue<string>().Length);
    }

    [Fact]
    public async Task Person_info_returns_the_account_balance_and_the_enrolment()
    {
        var psn = await host.EnrolAsync(Scheme.Employee, PersonCategory.Employed, accountYuan: 1234.56m);

        var answer = await host.CallAsync("1101", Inputs.PersonInfo(psn), SettlementHost.Pharmacy);

        Assert.Equal(0, answer.Infcode);
        var insurance = answer.Output["insuinfo"]![0]!;
        Assert.Equal(1234.56m, insurance["balc"]!.GetValue<decimal>());
        Assert.Equal("310", insurance["insutype"]!.GetValue<string>());
        Assert.Equal("11", insurance["psn_type"]!.GetValue<string>());
        Assert.Equal("990001", insurance["insuplc_admdvs"]!.GetValue<string>());
        Assert.Equal(psn, answer.Output["baseinfo"]!["psn_no"]!.GetValue<string>());
    }

    [Fact]
    public async Task Person_info_of_a_demo_person_works_without_enrolment_by_the_test()
    {
        var answer = await host.CallAsync("1101", Inputs.PersonInfo(DemoData.PersonId(0)), SettlementHost.Pharmacy);

        Assert.Equal(0, answer.Infcode);
    }

    [Fact]
    public async Task Employee_pharmacy_swipe_is_paid_from_the_account_then_cash()
    {
        // P0 employees: pharmacy is account-only (no pooled fund). Account 100.00, purchase 130.00:
        // acct_pay 100.00, psn_cash_pay 30.00, fund 0, balc 0.00.
        var psn = await host.EnrolAsync(Scheme.Employee, PersonCategory.Employed, accountYuan: 100m);

        var pre = await host.CallAsync("2101", Inputs.Pharmacy(psn, 130m, Inputs.Drug(80m, "D1"), Inputs.Drug(50m, "D2")), SettlementHost.Pharmacy);
        var msgid = host.NewMsgid(SettlementHost.Pharmacy);
        var settled = await host.CallAsync("2102", Inputs.Pharmacy(psn, 130m, Inputs.Drug(80m, "D1"), Inputs.Drug(50m, "D2")), SettlementHost.Pharmacy, msgid);

        foreach (var answer in new[] { pre, settled })
        {
            Assert.Equal(0, answer.Infcode);
            Assert.Equal(130.00m, answer.Amount("medfee_sumamt"));
            Assert.Equal(0m, answer.Amount("fund_pay_sumamt"));
            Assert.Equal(100.00m, answer.Amount("acct_pay"));
            Assert.Equal(30.00m, answer.Amount("psn_cash_pay"));
            Assert.Equal(0m, answer.Amount("balc"));
        }

        Assert.Equal("", pre.Text("setl_id"));
        // The setl_id is made from the msgid (yyMMddHHmmss, its sequence, the institution): at most the platform's 30 characters.
        Assert.Equal("M" + msgid[(SettlementHost.Pharmacy.Length + 2)..] + SettlementHost.Pharmacy, settled.Text("setl_id"));
        Assert.True(settled.Text("setl_id").Length <= 30);
        Assert.Equal(30, settled.Text("mdtrt_id").Length);
    }

    [Fact]
    public async Task Pre_settlement_changes_nothing()
    {
        var psn = await host.EnrolAsync(Scheme.Employee, PersonCategory.Employed, accountYuan: 100m);

        await host.CallAsync("2101", Inputs.Pharmacy(psn, 60m, Inputs.Drug(60m)), SettlementHost.Pharmacy);

        var snapshot = await host.Grains.GetGrain<IPersonGrain>(psn).GetSnapshotAsync();
        Assert.Equal(10_000, snapshot!.AccountBalance.Fen);
        Assert.Empty(snapshot.ActiveSettlements);
    }

    [Fact]
    public async Task Retried_settlement_returns_the_original_answer_and_pays_once()
    {
        var psn = await host.EnrolAsync(Scheme.Employee, PersonCategory.Employed, accountYuan: 100m);
        var msgid = host.NewMsgid(SettlementHost.Pharmacy);
        var input = Inputs.Pharmacy(psn, 40m, Inputs.Drug(40m));

        var first = await host.CallAsync("2102", input, SettlementHost.Pharmacy, msgid);
        var retry = await host.CallAsync("2102", input.DeepClone(), SettlementHost.Pharmacy, msgid);

        Assert.Equal(0, retry.Infcode);
        Assert.Equal(first.Text("setl_id"), retry.Text("setl_id"));
        Assert.Equal(first.Text("setl_time"), retry.Text("setl_time"));
        Assert.Equal(60.00m, retry.Amount("balc"));
        var snapshot = await host.Grains.GetGrain<IPersonGrain>(psn).GetSnapshotAsync();
        Assert.Equal(6_000, snapshot!.AccountBalance.Fen);
        Assert.Single(snapshot.ActiveSettlements);
    }

    [Fact]
    public async Task Cancel_restores_the_account_and_a_retried_cancel_returns_the_same_answer()
    {
        var psn = await host.EnrolAsync(Scheme.Employee, PersonCategory.Employed, accountYuan: 100m);
        var settled = await host.CallAsync("2102", Inputs.Pharmacy(psn, 40m, Inputs.Drug(40m)), SettlementHost.Pharmacy);
        var cancel = Inputs.Cancel(psn, settled.Text("setl_id"), settled.Text("mdtrt_id"));
        var msgid = host.NewMsgid(SettlementHost.Pharmacy);

        var first = await host.CallAsync("2103", cancel, SettlementHost.Pharmacy, msgid);
        var retry = await host.CallAsync("2103", cancel.DeepClone(), SettlementHost.Pharmacy, msgid);
        var again = await host.CallAsync("2103", cancel.DeepClone(), SettlementHost.Pharmacy);

        Assert.Equal(0, first.Infcode);
        Assert.Equal(-40.00m, first.Amount("acct_pay"));
        Assert.Equal(-40.00m, first.Amount("medfee_sumamt"));
        Assert.Equal(100.00m, first.Amount("balc"));
        Assert.Equal(first.Body["output"]!.ToJsonString(), retry.Body["output"]!.ToJsonString());
        Assert.Equal(-1, again.Infcode);
        Assert.StartsWith("SettlementAlreadyCancelled", again.ErrMsg, StringComparison.Ordinal);
        var snapshot = await host.Grains.GetGrain<IPersonGrain>(psn).GetSnapshotAsync();
        Assert.Equal(10_000, snapshot!.AccountBalance.Fen);
        Assert.Empty(snapshot.ActiveSettlements);
    }

    [Fact]
    public async Task Another_pharmacy_cannot_cancel_the_settlement()
    {
        var psn = await host.EnrolAsync(Scheme.Employee, PersonCategory.Employed, accountYuan: 100m);
        var settled = await host.CallAsync("2102", Inputs.Pharmacy(psn, 40m, Inputs.Drug(40m)), SettlementHost.Pharmacy);

        var answer = await host.CallAsync("2103", Inputs.Cancel(psn, settled.Text("setl_id"), settled.Text("mdtrt_id")), SettlementHost.OtherPharmacy);

        Assert.Equal(-1, answer.Infcode);
        Assert.StartsWith("InstitutionMismatch", answer.ErrMsg, StringComparison.Ordinal);
        Assert.Single((await host.Grains.GetGrain<IPersonGrain>(psn).GetSnapshotAsync())!.ActiveSettlements);
    }

    [Fact]
    public async Task Signing_as_one_pharmacy_for_another_is_refused()
    {
        var psn = await host.EnrolAsync(Scheme.Employee, PersonCategory.Employed, accountYuan: 100m);
        var body = System.Text.Encoding.UTF8.GetBytes(SettlementHost.Envelope(
            "2102", Inputs.Pharmacy(psn, 40m, Inputs.Drug(40m)), SettlementHost.Pharmacy, host.NewMsgid(SettlementHost.Pharmacy)).ToJsonString());

        var answer = await host.SendAsync(body, SettlementHost.OtherPharmacy);

        Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
        Assert.Equal(1106, answer.Infcode);
        Assert.Empty((await host.Grains.GetGrain<IPersonGrain>(psn).GetSnapshotAsync())!.ActiveSettlements);
    }

    [Fact]
    public async Task Cosmetics_on_the_account_are_refused_with_the_rejection_code()
    {
        var psn = await host.EnrolAsync(Scheme.Employee, PersonCategory.Employed, accountYuan: 100m);

        var answer = await host.CallAsync("2102", Inputs.Pharmacy(psn, 40m, Inputs.Drug(40m, listType: "902")), SettlementHost.Pharmacy);

        Assert.Equal(-1, answer.Infcode);
        Assert.StartsWith("NonInsuredGoods: ", answer.ErrMsg, StringComparison.Ordinal);
        Assert.Null(answer.Body["output"]);
    }
}
