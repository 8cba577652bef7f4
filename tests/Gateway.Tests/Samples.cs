using System.Text.Json.Nodes;

namespace Medisettle.Gateway.Tests;

/// <summary>Valid transaction inputs that tests spoil one field at a time.</summary>
public static class Samples
{
    public static JsonObject SettlementInput(JsonNode? medfeeSumamt = null) => new()
    {
        ["data"] = new JsonObject
        {
            ["psn_no"] = "P990001000001",
            ["mdtrt_cert_type"] = "02",
            ["mdtrt_cert_no"] = "P990001000001",
            ["med_type"] = "11",
            ["medfee_sumamt"] = medfeeSumamt ?? JsonValue.Create(123.45m),
            ["psn_setlway"] = "01",
            ["mdtrt_id"] = "M0001",
            ["chrg_bchno"] = "B0001",
            ["acct_used_flag"] = "1",
            ["insutype"] = "310",
        },
    };

    public static JsonObject DrugLine(decimal amount, string id = "D1") => new()
    {
        ["fixmedins_hilist_id"] = id,
        ["med_list_codg"] = "XA01ABC001",
        ["det_item_fee_sumamt"] = amount,
        ["cnt"] = 2m,
        ["pric"] = amount / 2,
        ["hilist_class"] = "1",
        ["prd_days"] = 14,
    };

    public static JsonObject PharmacyInput(decimal declared, params JsonObject[] lines) => new()
    {
        ["data"] = new JsonObject
        {
            ["psn_no"] = "P990001000001",
            ["mdtrt_cert_type"] = "02",
            ["mdtrt_cert_no"] = "P990001000001",
            ["insutype"] = "310",
            ["medfee_sumamt"] = declared,
            ["begntime"] = "2025-03-01 09:58:00",
            ["acct_used_flag"] = "1",
        },
        ["drugdetail"] = new JsonArray(lines),
    };

    public static JsonObject FeeLine(int index) => new()
    {
        ["feedetl_sn"] = "F" + index,
        ["mdtrt_id"] = "M0001",
        ["psn_no"] = "P990001000001",
        ["chrg_bchno"] = "B0001",
        ["fee_ocur_time"] = "2025-03-01 09:30:00",
        ["med_list_codg"] = "001201000010000",
        ["medins_list_codg"] = "H-001",
        ["det_item_fee_sumamt"] = 10.00m,
        ["cnt"] = 1m,
        ["pric"] = 10.00m,
    };

    public static JsonObject FeeUploadInput(int lines) => new()
    {
        ["feedetail"] = new JsonArray(Enumerable.Range(1, lines).Select(i => (JsonNode)FeeLine(i)).ToArray()),
    };
}
