using System.Globalization;
using Medisettle.Interfaces.Platform;

namespace Medisettle.Gateway.Validation;

/// <summary>
/// What each transaction input must satisfy beyond its JSON shape: ids present, amounts
/// 数值型(16,2) and not negative, times well formed, list sizes bounded, fee lines adding up.
/// </summary>
internal static partial class InputRules
{
    /// <summary>err_msg of a settlement with nothing to pay (空刷 empty swipe), infcode 2004.</summary>
    public const string EmptySwipeMessage =
        "empty swipe (空刷): medfee_sumamt is 0.00, there is nothing to settle; a settlement needs at least 0.01 of fees";

    public static void PersonInfo(PersonInfoInput input, InputChecker check)
    {
        check.Required(input.Data.MdtrtCertType, "input.data.mdtrt_cert_type");
        check.Required(input.Data.MdtrtCertNo, "input.data.mdtrt_cert_no");
        check.DateTime(input.Data.Begntime, "input.data.begntime");
    }

    public static void SignIn(SignInInput input, InputChecker check)
    {
        check.Required(input.SignIn.OpterNo, "input.signIn.opter_no");
        check.Required(input.SignIn.Mac, "input.signIn.mac");
        check.Required(input.SignIn.Ip, "input.signIn.ip");
    }

    public static void OutpatientRegister(OutpatientRegisterInput input, InputChecker check)
    {
        check.PsnNo(input.Data.PsnNo, "input.data.psn_no");
        check.Required(input.Data.Insutype, "input.data.insutype");
        check.Required(input.Data.MdtrtCertType, "input.data.mdtrt_cert_type");
        check.Required(input.Data.IptOtpNo, "input.data.ipt_otp_no");
        check.DateTime(input.Data.Begntime, "input.data.begntime");
        check.CertificateNamesPerson(input.Data.MdtrtCertType, input.Data.MdtrtCertNo, input.Data.PsnNo, "input.data");
    }

    public static void VisitCancel(OutpatientRegisterCancelInput input, InputChecker check)
    {
        check.PsnNo(input.Data.PsnNo, "input.data.psn_no");
        check.Required(input.Data.MdtrtId, "input.data.mdtrt_id");
    }

    public static void VisitInfo(VisitInfoInput input, InputChecker check)
    {
        check.Required(input.Mdtrtinfo.MdtrtId, "input.mdtrtinfo.mdtrt_id");
        check.PsnNo(input.Mdtrtinfo.PsnNo, "input.mdtrtinfo.psn_no");
        check.Required(input.Mdtrtinfo.MedType, "input.mdtrtinfo.med_type");
        check.DateTime(input.Mdtrtinfo.Begntime, "input.mdtrtinfo.begntime");
        Diagnoses(input.Diseinfo, check);
    }

    public static void FeeUpload(FeeDetailUploadInput input, InputChecker check)
    {
        if (!check.Lines(input.Feedetail, "input.feedetail", 1, check.Limits.FeeLinesMax))
        {
            return;
        }

        for (var i = 0; i < input.Feedetail.Count && !check.Failed; i++)
        {
            var line = input.Feedetail[i];
            var at = Path("input.feedetail", i);
            check.Required(line.FeedetlSn, at + ".feedetl_sn");
            check.Required(line.MdtrtId, at + ".mdtrt_id");
            check.PsnNo(line.PsnNo, at + ".psn_no");
            check.Required(line.MedListCodg, at + ".med_list_codg");
            check.DateTime(line.FeeOcurTime, at + ".fee_ocur_time");
            check.Amount(line.DetItemFeeSumamt, at + ".det_item_fee_sumamt");
            check.Quantity(line.Cnt, at + ".cnt");
            check.Quantity(line.Pric, at + ".pric");
            check.NonNegative(line.PrdDays, at + ".prd_days");
        }
    }

    public static void FeeCancel(FeeDetailCancelInput input, InputChecker check)
    {
        check.Required(input.Data.FeedetlSn, "input.data.feedetl_sn");
        check.Required(input.Data.MdtrtId, "input.data.mdtrt_id");
        check.PsnNo(input.Data.PsnNo, "input.data.psn_no");
    }

    public static void Settlement(SettlementInput input, InputChecker check)
    {
        check.PsnNo(input.Data.PsnNo, "input.data.psn_no");
        check.Required(input.Data.MdtrtId, "input.data.mdtrt_id");
        check.Required(input.Data.MdtrtCertType, "input.data.mdtrt_cert_type");
        check.Required(input.Data.Insutype, "input.data.insutype");
        check.Amount(input.Data.MedfeeSumamt, "input.data.medfee_sumamt");
        check.CertificateNamesPerson(input.Data.MdtrtCertType, input.Data.MdtrtCertNo, input.Data.PsnNo, "input.data");
        if (!check.Failed && input.Data.MedfeeSumamt == 0m)
        {
            check.Fail(Infcodes.EmptySwipe, EmptySwipeMessage);
        }
    }

    public static void SettlementCancel(SettlementCancelInput input, InputChecker check)
    {
        check.Required(input.Data.SetlId, "input.data.setl_id");
        check.PsnNo(input.Data.PsnNo, "input.data.psn_no");
    }

    public static void Admission(AdmissionInput input, InputChecker check)
    {
        check.PsnNo(input.Mdtrtinfo.PsnNo, "input.mdtrtinfo.psn_no");
        check.Required(input.Mdtrtinfo.Insutype, "input.mdtrtinfo.insutype");
        check.Required(input.Mdtrtinfo.IptNo, "input.mdtrtinfo.ipt_no");
        check.DateTime(input.Mdtrtinfo.Begntime, "input.mdtrtinfo.begntime");
        check.CertificateNamesPerson(input.Mdtrtinfo.MdtrtCertType, input.Mdtrtinfo.MdtrtCertNo, input.Mdtrtinfo.PsnNo, "input.mdtrtinfo");
        Diagnoses(input.Diseinfo, check);
    }

    public static void Discharge(DischargeInput input, InputChecker check)
    {
        check.Required(input.Dscginfo.MdtrtId, "input.dscginfo.mdtrt_id");
        check.PsnNo(input.Dscginfo.PsnNo, "input.dscginfo.psn_no");
        check.DateTime(input.Dscginfo.Endtime, "input.dscginfo.endtime");
        Diagnoses(input.Diseinfo, check);
    }

    private static void Diagnoses(IReadOnlyList<DiagnosisInfo> diagnoses, InputChecker check)
    {
        if (!check.Lines(diagnoses, "input.diseinfo", 0, check.Limits.DiagnosesMax))
        {
            return;
        }

        for (var i = 0; i < diagnoses.Count && !check.Failed; i++)
        {
            check.Required(diagnoses[i].DiagCode, Path("input.diseinfo", i) + ".diag_code");
            check.DateTime(diagnoses[i].DiagTime, Path("input.diseinfo", i) + ".diag_time");
        }
    }

    private static string Path(string list, int index) => string.Create(CultureInfo.InvariantCulture, $"{list}[{index}]");
}
