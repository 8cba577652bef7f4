using System.Text.Json;
using System.Text.Json.Nodes;

namespace Medisettle.LoadTest.Tests;

/// <summary>
/// A small recorded day written by hand (requests only, no answers) at demo pharmacy P99000100000 on 2025-03-04: a 1101
/// for demo person 0, a 2102 of person 0 (an employee: paid from the personal account), a 2102 of person 5 (a P0 adult
/// resident: pharmacy not covered, -1), a 2102 whose lines do not add up to its total (2001), and the first 2102 sent
/// again with the same msgid (answered as the first time).
/// </summary>
internal static class ReplayDay
{
    public const string Institution = "P99000100000";
    public const string FirstSettlementMsgid = "P990001000002025030410000001";

    public static IReadOnlyList<string> Lines() =>
    [
        Line("1101", "P990001000002025030409000001", "2025-03-04 09:00:00", new JsonObject { ["data"] = new JsonObject { ["mdtrt_cert_type"] = "02", ["mdtrt_cert_no"] = "99000100000000" } }),
        Line("2102", FirstSettlementMsgid, "2025-03-04 10:00:00", Swipe("99000100000000", "310", 86.50m, "2025-03-04 10:00:00")),
        Line("2102", "P990001000002025030410050001", "2025-03-04 10:05:00", Swipe("99000100000005", "390", 86.50m, "2025-03-04 10:05:00")),
        Line("2102", "P990001000002025030410100001", "2025-03-04 10:10:00", Swipe("99000100000000", "310", 99.00m, "2025-03-04 10:10:00")),
        Line("2102", FirstSettlementMsgid, "2025-03-04 10:00:00", Swipe("99000100000000", "310", 86.50m, "2025-03-04 10:00:00")),
    ];

    public static string Line(string infno, string msgid, string infTime, JsonObject input, string institution = Institution)
    {
        var envelope = new JsonObject
        {
            ["infno"] = infno, ["msgid"] = msgid, ["mdtrtarea_admvs"] = "990001", ["insuplc_admdvs"] = "990001", ["recer_sys_code"] = "FSI_LOCAL",
            ["infver"] = "V1.0", ["opter_type"] = "1", ["opter"] = "001", ["opter_name"] = "demo", ["inf_time"] = infTime,
            ["fixmedins_code"] = institution, ["fixmedins_name"] = "demo pharmacy", ["input"] = input,
        };
        return new JsonObject { ["request"] = envelope }.ToJsonString();
    }

    /// <summary>A 2102 of two drug lines (56.50 + 30.00) declared as <paramref name="total"/>.</summary>
    public static JsonObject Swipe(string personId, string insutype, decimal total, string begin) => new()
    {
        ["data"] = new JsonObject
        {
            ["psn_no"] = personId, ["mdtrt_cert_type"] = "02", ["mdtrt_cert_no"] = personId, ["insutype"] = insutype,
            ["medfee_sumamt"] = total, ["begntime"] = begin, ["acct_used_flag"] = "1",
        },
        ["drugdetail"] = new JsonArray(
            new JsonObject { ["fixmedins_hilist_id"] = "D001", ["med_list_codg"] = "XA10BAA001", ["det_item_fee_sumamt"] = 56.50m, ["cnt"] = 1, ["pric"] = 56.50m, ["hilist_class"] = "01", ["prd_days"] = 14 },
            new JsonObject { ["fixmedins_hilist_id"] = "D002", ["med_list_codg"] = "ZA01AAA001", ["det_item_fee_sumamt"] = 30.00m, ["cnt"] = 2, ["pric"] = 15.00m, ["hilist_class"] = "02", ["prd_days"] = 7, ["list_type"] = "102" }),
    };

    /// <summary>The answers of a replayed.jsonl, in order.</summary>
    public static IReadOnlyList<JsonElement> Answers(string replayedPath) =>
        [.. File.ReadAllLines(replayedPath).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("answer").Clone())];
}
