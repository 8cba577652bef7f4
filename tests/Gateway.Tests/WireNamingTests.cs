using System.Text.Json;
using System.Text.Json.Nodes;
using Medisettle.Interfaces.Platform;

namespace Medisettle.Gateway.Tests;

public sealed class WireNamingTests
{
    /// <summary>Every wire type and its national-platform field names, in declaration order.</summary>
    public static TheoryData<Type, string> WireNames => new()
    {
        { typeof(PersonInfoInput), "data" },
        { typeof(PersonInfoQuery), "mdtrt_cert_type,mdtrt_cert_no,card_sn,begntime,psn_cert_type,certno,psn_name" },
        { typeof(PersonInfoOutput), "baseinfo,insuinfo,idetinfo" },
        { typeof(PersonBaseInfo), "psn_no,psn_cert_type,certno,psn_name,gend,naty,brdy,age" },
        { typeof(PersonInsuranceInfo), "balc,insutype,psn_type,psn_insu_stas,psn_insu_date,paus_insu_date,cvlserv_flag,insuplc_admdvs,emp_name" },
        { typeof(PersonIdentityInfo), "psn_idet_type,psn_type_lv,memo,begntime,endtime" },
        { typeof(SignInInput), "signIn" },
        { typeof(SignInRequest), "opter_no,mac,ip" },
        { typeof(SignInOutput), "signinoutb" },
        { typeof(SignInResult), "sign_time,sign_no" },
        { typeof(OutpatientRegisterInput), "data" },
        { typeof(OutpatientRegistration), "psn_no,insutype,begntime,mdtrt_cert_type,mdtrt_cert_no,ipt_otp_no,atddr_no,dr_name,dept_code,dept_name,caty" },
        { typeof(OutpatientRegisterOutput), "data" },
        { typeof(VisitRegistration), "mdtrt_id,psn_no,ipt_otp_no" },
        { typeof(OutpatientRegisterCancelInput), "data" },
        { typeof(VisitCancellation), "psn_no,mdtrt_id,ipt_otp_no" },
        { typeof(VisitInfoInput), "mdtrtinfo,diseinfo" },
        { typeof(VisitInfo), "mdtrt_id,psn_no,med_type,begntime,main_cond_dscr,dise_codg,dise_name" },
        { typeof(DiagnosisInfo), "diag_type,diag_srt_no,diag_code,diag_name,diag_dept,dise_dor_no,dise_dor_name,diag_time,vali_flag" },
        { typeof(FeeDetailUploadInput), "feedetail" },
        { typeof(FeeDetail), "feedetl_sn,mdtrt_id,psn_no,chrg_bchno,fee_ocur_time,med_list_codg,medins_list_codg,det_item_fee_sumamt,cnt,pric,dise_codg,rx_circ_flag,sin_dos_dscr,used_frqu_dscr,prd_days,medc_way_dscr,bilg_dept_codg,bilg_dept_name,bilg_dr_codg,bilg_dr_name,hosp_appr_flag,chrgitm_lv,list_type" },
        { typeof(FeeDetailUploadOutput), "result" },
        { typeof(FeeDetailResult), "feedetl_sn,det_item_fee_sumamt,cnt,pric,pric_uplmt_amt,selfpay_prop,fulamt_ownpay_amt,overlmt_amt,preselfpay_amt,inscp_scp_amt,chrgitm_lv,med_chrgitm_type,memo" },
        { typeof(FeeDetailCancelInput), "data" },
        { typeof(FeeDetailCancellation), "feedetl_sn,mdtrt_id,psn_no" },
        { typeof(SettlementInput), "data" },
        { typeof(SettlementRequest), "psn_no,mdtrt_cert_type,mdtrt_cert_no,med_type,medfee_sumamt,psn_setlway,mdtrt_id,chrg_bchno,acct_used_flag,insutype" },
        { typeof(SettlementOutput), "setlinfo,setldetail" },
        { typeof(SettlementInfo), "mdtrt_id,setl_id,psn_no,medfee_sumamt,fulamt_ownpay_amt,overlmt_selfpay,preselfpay_amt,inscp_scp_amt,act_pay_dedc,hifp_pay,pool_prop_selfpay,hifmi_pay,hifob_pay,maf_pay,oth_pay,fund_pay_sumamt,psn_part_amt,acct_pay,psn_cash_pay,hosp_part_amt,balc,setl_time" },
        { typeof(SettlementFundDetail), "fund_pay_type,inscp_scp_amt,crt_payb_lmt_amt,fund_payamt,setl_proc_info" },
        { typeof(SettlementCancelInput), "data" },
        { typeof(SettlementCancellation), "setl_id,mdtrt_id,psn_no" },
        { typeof(AdmissionInput), "mdtrtinfo,diseinfo" },
        { typeof(Admission), "psn_no,insutype,mdtrt_cert_type,mdtrt_cert_no,med_type,ipt_no,begntime,atddr_no,chfpdr_name,adm_diag_dscr,adm_dept_codg,adm_dept_name,adm_bed,dscg_maindiag_code,dscg_maindiag_name,main_cond_dscr" },
        { typeof(AdmissionOutput), "result" },
        { typeof(DischargeInput), "dscginfo,diseinfo" },
        { typeof(Discharge), "mdtrt_id,psn_no,insutype,endtime,dscg_way,dscg_dept_codg,dscg_dept_name,dise_codg,dise_name" },
        { typeof(PharmacySettlementInput), "data,drugdetail" },
        { typeof(PharmacySettlementRequest), "psn_no,mdtrt_cert_type,mdtrt_cert_no,insutype,medfee_sumamt,begntime,acct_used_flag,psn_setlway,med_type" },
        { typeof(PharmacyDrugLine), "fixmedins_hilist_id,med_list_codg,det_item_fee_sumamt,cnt,pric,hilist_class,prd_days,fixmedins_bchno,rx_circ_flag,list_type" },
        { typeof(DailyReconciliationInput), "data" },
        { typeof(DailyReconciliation), "insutype,clr_type,setl_optins,stmt_begndate,stmt_enddate,medfee_sumamt,fund_pay_sumamt,acct_pay,fixmedins_setl_cnt" },
        { typeof(DailyReconciliationOutput), "stmtinfo" },
        { typeof(ReconciliationResult), "setl_optins,stmt_rslt,stmt_rslt_dscr" },
        { typeof(DetailReconciliationInput), "data,detail" },
        { typeof(DetailReconciliation), "clr_type,setl_optins,stmt_begndate,stmt_enddate,medfee_sumamt,fund_pay_sumamt,cash_payamt,fixmedins_setl_cnt" },
        { typeof(ReconciliationDetailLine), "setl_id,mdtrt_id,psn_no,medfee_sumamt,fund_pay_sumamt,acct_pay,refd_setl_flag" },
        { typeof(DetailReconciliationOutput), "stmtinfo,mismatch" },
        { typeof(ReconciliationMismatch), "setl_id,stmt_rslt,stmt_rslt_dscr" },
        { typeof(PlatformRequest), "infno,msgid,mdtrtarea_admvs,insuplc_admdvs,recer_sys_code,dev_no,dev_safe_info,cainfo,signtype,infver,opter_type,opter,opter_name,inf_time,fixmedins_code,fixmedins_name,sign_no,input" },
        { typeof(PlatformResponse), "infcode,inf_refmsgid,refmsg_time,respond_time,err_msg,warn_msg,output" },
        { typeof(EmptyOutput), "" },
    };

    [Theory]
    [MemberData(nameof(WireNames))]
    public void Wire_type_serializes_with_the_platform_field_names(Type type, string names)
    {
        var typeInfo = PlatformJsonContext.Default.GetTypeInfo(type)!;

        var actual = typeInfo.Properties.Select(property => property.Name);

        Assert.Equal(names.Length == 0 ? [] : names.Split(','), actual);
    }

    [Fact]
    public void Every_wire_type_in_the_context_is_checked()
    {
        var checkedTypes = WireNames.Select(row => (Type)row[0]).ToHashSet();
        var wireTypes = typeof(PlatformRequest).Assembly.GetTypes()
            .Where(type => type.Namespace == typeof(PlatformRequest).Namespace && type.IsPublic && !type.IsAbstract && type.IsClass)
            .Where(type => type != typeof(PlatformJsonContext));

        Assert.Empty(wireTypes.Where(type => !checkedTypes.Contains(type)).Select(type => type.Name));
    }

    [Fact]
    public void Settlement_output_round_trips_through_its_wire_form()
    {
        const string sample = """
            {"setlinfo":{"mdtrt_id":"M1","setl_id":"S1","psn_no":"P1","medfee_sumamt":1000.00,"fulamt_ownpay_amt":50.00,
            "overlmt_selfpay":10.00,"preselfpay_amt":20.00,"inscp_scp_amt":920.00,"act_pay_dedc":200.00,"hifp_pay":432.00,
            "pool_prop_selfpay":288.00,"hifmi_pay":0.00,"hifob_pay":0.00,"maf_pay":100.00,"oth_pay":0.00,"fund_pay_sumamt":532.00,
            "psn_part_amt":468.00,"acct_pay":0.00,"psn_cash_pay":468.00,"hosp_part_amt":0.00,"balc":0.00,"setl_time":"2025-03-01 10:00:00"},
            "setldetail":[{"fund_pay_type":"310100","inscp_scp_amt":920.00,"crt_payb_lmt_amt":0.00,"fund_payamt":432.00,"setl_proc_info":"basic"}]}
            """;

        var parsed = JsonSerializer.Deserialize(sample, PlatformJsonContext.Default.SettlementOutput)!;
        var written = JsonSerializer.Serialize(parsed, PlatformJsonContext.Default.SettlementOutput);

        Assert.Equal(432.00m, parsed.Setlinfo.HifpPay);
        Assert.Equal("310100", parsed.Setldetail[0].FundPayType);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(sample), JsonNode.Parse(written)));
    }

    [Fact]
    public void Envelope_round_trips_through_its_wire_form()
    {
        var sample = TestGateway.Envelope("9001", TestGateway.SignInInput()).ToJsonString();

        var parsed = JsonSerializer.Deserialize(sample, PlatformJsonContext.Default.PlatformRequest)!;
        var written = JsonSerializer.Serialize(parsed, PlatformJsonContext.Default.PlatformRequest);

        Assert.Equal("990001", parsed.MdtrtareaAdmvs);
        Assert.Equal("FSI_LOCAL", parsed.RecerSysCode);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(sample), JsonNode.Parse(written)));
    }

    [Fact]
    public void Pharmacy_input_round_trips_through_its_wire_form()
    {
        var sample = Samples.PharmacyInput(100.00m, Samples.DrugLine(60.00m, "D1"), Samples.DrugLine(40.00m, "D2"));
        sample["data"]!["psn_setlway"] = "01";
        sample["data"]!["med_type"] = "14";
        sample["drugdetail"]![0]!["fixmedins_bchno"] = "B1";
        sample["drugdetail"]![0]!["rx_circ_flag"] = "0";
        sample["drugdetail"]![0]!["list_type"] = "101";

        var parsed = JsonSerializer.Deserialize(sample, PlatformJsonContext.Default.PharmacySettlementInput)!;
        var written = JsonSerializer.SerializeToNode(parsed, PlatformJsonContext.Default.PharmacySettlementInput)!;

        Assert.Equal(2, parsed.Drugdetail.Count);
        Assert.Equal(14, parsed.Drugdetail[0].PrdDays);
        written["drugdetail"]![1]!.AsObject().Remove("fixmedins_bchno");
        written["drugdetail"]![1]!.AsObject().Remove("rx_circ_flag");
        written["drugdetail"]![1]!.AsObject().Remove("list_type");
        Assert.True(JsonNode.DeepEquals(sample, written), written.ToJsonString());
    }
}
