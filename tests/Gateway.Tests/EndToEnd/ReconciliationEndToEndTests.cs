using System.Text.Json.Nodes;
using Medisettle.Grains.Demo;
using Medisettle.Interfaces.Settlement;

namespace Medisettle.Gateway.Tests.EndToEnd;

/// <summary>3201 对总账 and 3202 对明细账 against the journal, for a pharmacy only these tests use.</summary>
[Collection(SettlementHostCollection.Name)]
public sealed class ReconciliationEndToEndTests(SettlementHost host)
{
    private static readonly string Pharmacy = DemoData.InstitutionCode(10);

    [Fact]
    public async Task Daily_and_detail_reconciliation_agree_with_the_journal_and_name_each_difference()
    {
        // Two swipes paid from the account (40.00 and 25.00), the first cancelled: net 1 settlement, 25.00.
        var psn = await host.EnrolAsync(Scheme.Employee, PersonCategory.Employed, accountYuan: 500m);
        var first = await host.CallAsync("2102", Inputs.Pharmacy(psn, 40m, Inputs.Drug(40m)), Pharmacy);
        var second = await host.CallAsync("2102", Inputs.Pharmacy(psn, 25m, Inputs.Drug(25m)), Pharmacy);
        await host.CallAsync("2103", Inputs.Cancel(psn, first.Text("setl_id"), first.Text("mdtrt_id")), Pharmacy);
        var firstId = first.Text("setl_id");
        var secondId = second.Text("setl_id");

        var dailyAgrees = await host.CallAsync("3201", Daily(count: 1, medfee: 25m, acct: 25m), Pharmacy);
        var dailyDiffers = await host.CallAsync("3201", Daily(count: 2, medfee: 65m, acct: 25m), Pharmacy);
        var detailAgrees = await host.CallAsync("3202", Detail(25m, 1, Line(firstId, psn, 40m, cancelled: true), Line(secondId, psn, 25m, cancelled: false)), Pharmacy);
        var detailDiffers = await host.CallAsync("3202", Detail(25m, 1, Line(secondId, psn, 26m, cancelled: false), Line("SNOSUCHSETTLEMENT", psn, 1m, cancelled: false)), Pharmacy);

        Assert.Equal("0", dailyAgrees.Output["stmtinfo"]!["stmt_rslt"]!.GetValue<string>());
        Assert.StartsWith("agrees: 1 settlements, medfee_sumamt 25.00, fund_pay_sumamt 0.00, acct_pay 25.00", Dscr(dailyAgrees), StringComparison.Ordinal);
        Assert.Equal("1", dailyDiffers.Output["stmtinfo"]!["stmt_rslt"]!.GetValue<string>());
        Assert.StartsWith("disagrees: fixmedins_setl_cnt: institution 2, platform 1; medfee_sumamt: institution 65.00, platform 25.00", Dscr(dailyDiffers), StringComparison.Ordinal);
        Assert.Equal("0", detailAgrees.Output["stmtinfo"]!["stmt_rslt"]!.GetValue<string>());
        Assert.Empty(detailAgrees.Output["mismatch"]!.AsArray());
        var mismatches = detailDiffers.Output["mismatch"]!.AsArray().Select(m => (m!["setl_id"]!.GetValue<string>(), m["stmt_rslt_dscr"]!.GetValue<string>())).ToList();
        Assert.Equal(
            [
                (secondId, "medfee_sumamt: institution 26.00, platform 25.00; acct_pay: institution 26.00, platform 25.00"),
                ("SNOSUCHSETTLEMENT", "no such settlement at the platform for this institution and period"),
                (firstId, "cancelled settlement missing from the institution's detail"),
            ],
            mismatches);
    }

    private static string Dscr(Answer answer) => answer.Output["stmtinfo"]!["stmt_rslt_dscr"]!.GetValue<string>();

    private static JsonObject Daily(int count, decimal medfee, decimal acct) => new()
    {
        ["data"] = new JsonObject
        {
            ["insutype"] = "310",
            ["clr_type"] = "41",
            ["stmt_begndate"] = "2025-03-01",
            ["stmt_enddate"] = "2025-03-01",
            ["medfee_sumamt"] = medfee,
            ["fund_pay_sumamt"] = 0m,
            ["acct_pay"] = acct,
            ["fixmedins_setl_cnt"] = count,
        },
    };

    private static JsonObject Detail(decimal medfee, int count, params JsonObject[] lines) => new()
    {
        ["data"] = new JsonObject
        {
            ["clr_type"] = "41",
            ["stmt_begndate"] = "2025-03-01",
            ["stmt_enddate"] = "2025-03-01",
            ["medfee_sumamt"] = medfee,
            ["fund_pay_sumamt"] = 0m,
            ["cash_payamt"] = 0m,
            ["fixmedins_setl_cnt"] = count,
        },
        ["detail"] = new JsonArray(lines),
    };

    private static JsonObject Line(string setlId, string psn, decimal amount, bool cancelled) => new()
    {
        ["setl_id"] = setlId,
        ["mdtrt_id"] = "M",
        ["psn_no"] = psn,
        ["medfee_sumamt"] = amount,
        ["fund_pay_sumamt"] = 0m,
        ["acct_pay"] = amount,
        ["refd_setl_flag"] = cancelled ? "1" : "0",
    };
}
