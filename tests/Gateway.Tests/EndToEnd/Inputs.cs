using System.Text.Json.Nodes;

namespace Medisettle.Gateway.Tests.EndToEnd;

/// <summary>Transaction inputs for the end-to-end tests.</summary>
public static class Inputs
{
    public static JsonObject PersonInfo(string psnNo) => new() { ["data"] = new JsonObject { ["mdtrt_cert_type"] = "02", ["mdtrt_cert_no"] = psnNo } };

    public static JsonObject SignIn() => new() { ["signIn"] = new JsonObject { ["opter_no"] = "001", ["mac"] = "00-1A-2B-3C-4D-5E", ["ip"] = "10.0.0.8" } };

    public static JsonObject Drug(decimal amount, string id = "D1", string? listType = null, string? hilistClass = "01") => new()
    {
        ["fixmedins_hilist_id"] = id,
        ["med_list_codg"] = "XA01ABC001",
        ["det_item_fee_sumamt"] = amount,
        ["cnt"] = 1m,
        ["pric"] = amount,
        ["hilist_class"] = hilistClass,
        ["prd_days"] = 7,
        ["list_type"] = listType,
    };

    public static JsonObject Pharmacy(string psnNo, decimal declared, params JsonObject[] drugs) => new()
    {
        ["data"] = new JsonObject
        {
            ["psn_no"] = psnNo,
            ["mdtrt_cert_type"] = "02",
            ["mdtrt_cert_no"] = psnNo,
            ["insutype"] = "310",
            ["medfee_sumamt"] = declared,
            ["begntime"] = "2025-03-01 09:58:00",
            ["acct_used_flag"] = "1",
        },
        ["drugdetail"] = new JsonArray(drugs),
    };

    public static JsonObject Cancel(string psnNo, string setlId, string mdtrtId) =>
        new() { ["data"] = new JsonObject { ["setl_id"] = setlId, ["mdtrt_id"] = mdtrtId, ["psn_no"] = psnNo } };

    public static JsonObject Register(string psnNo) => new()
    {
        ["data"] = new JsonObject
        {
            ["psn_no"] = psnNo,
            ["insutype"] = "310",
            ["begntime"] = "2025-03-01 09:00:00",
            ["mdtrt_cert_type"] = "02",
            ["mdtrt_cert_no"] = psnNo,
            ["ipt_otp_no"] = "OP0001",
            ["atddr_no"] = "D001",
            ["dr_name"] = "王医生",
            ["dept_code"] = "01",
            ["dept_name"] = "内科",
            ["caty"] = "A03",
        },
    };

    public static JsonObject Admission(string psnNo, string medType = "21") => new()
    {
        ["mdtrtinfo"] = new JsonObject
        {
            ["psn_no"] = psnNo,
            ["insutype"] = "390",
            ["mdtrt_cert_type"] = "02",
            ["mdtrt_cert_no"] = psnNo,
            ["med_type"] = medType,
            ["ipt_no"] = "IP0001",
            ["begntime"] = "2025-02-20 08:00:00",
            ["atddr_no"] = "D001",
            ["chfpdr_name"] = "李医生",
            ["adm_diag_dscr"] = "肺炎",
            ["adm_dept_codg"] = "02",
            ["adm_dept_name"] = "呼吸科",
            ["adm_bed"] = "12",
            ["dscg_maindiag_code"] = "J18.9",
            ["dscg_maindiag_name"] = "肺炎",
        },
        ["diseinfo"] = new JsonArray(),
    };

    public static JsonObject Discharge(string psnNo, string mdtrtId) => new()
    {
        ["dscginfo"] = new JsonObject
        {
            ["mdtrt_id"] = mdtrtId,
            ["psn_no"] = psnNo,
            ["insutype"] = "390",
            ["endtime"] = "2025-03-01 09:00:00",
            ["dscg_way"] = "1",
            ["dscg_dept_codg"] = "02",
            ["dscg_dept_name"] = "呼吸科",
        },
        ["diseinfo"] = new JsonArray(),
    };

    public static JsonObject VisitInfo(string psnNo, string mdtrtId, string medType, string? disease) => new()
    {
        ["mdtrtinfo"] = new JsonObject
        {
            ["mdtrt_id"] = mdtrtId,
            ["psn_no"] = psnNo,
            ["med_type"] = medType,
            ["begntime"] = "2025-03-01 09:00:00",
            ["dise_codg"] = disease,
        },
        ["diseinfo"] = new JsonArray(),
    };

    public static JsonObject Fee(string psnNo, string mdtrtId, string sn, decimal amount, string batch = "B1", string level = "01") => new()
    {
        ["feedetl_sn"] = sn,
        ["mdtrt_id"] = mdtrtId,
        ["psn_no"] = psnNo,
        ["chrg_bchno"] = batch,
        ["fee_ocur_time"] = "2025-03-01 09:30:00",
        ["med_list_codg"] = "001201000010000",
        ["medins_list_codg"] = "H-001",
        ["det_item_fee_sumamt"] = amount,
        ["cnt"] = 1m,
        ["pric"] = amount,
        ["chrgitm_lv"] = level,
    };

    public static JsonObject Fees(params JsonObject[] lines) => new() { ["feedetail"] = new JsonArray(lines) };

    public static JsonObject FeeCancel(string psnNo, string mdtrtId, string sn) =>
        new() { ["data"] = new JsonObject { ["feedetl_sn"] = sn, ["mdtrt_id"] = mdtrtId, ["psn_no"] = psnNo } };

    public static JsonObject Settle(string psnNo, string mdtrtId, decimal total, string medType, bool useAccount = true) => new()
    {
        ["data"] = new JsonObject
        {
            ["psn_no"] = psnNo,
            ["mdtrt_cert_type"] = "02",
            ["mdtrt_cert_no"] = psnNo,
            ["med_type"] = medType,
            ["medfee_sumamt"] = total,
            ["psn_setlway"] = "01",
            ["mdtrt_id"] = mdtrtId,
            ["chrg_bchno"] = "B1",
            ["acct_used_flag"] = useAccount ? "1" : "0",
            ["insutype"] = "390",
        },
    };
}
