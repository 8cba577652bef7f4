using System.Globalization;
using Medisettle.Interfaces.Platform;

namespace Medisettle.Gateway.Validation;

internal static partial class InputRules
{
    public static void PharmacySettlement(PharmacySettlementInput input, InputChecker check)
    {
        var data = input.Data;
        check.PsnNo(data.PsnNo, "input.data.psn_no");
        check.Required(data.MdtrtCertType, "input.data.mdtrt_cert_type");
        check.Required(data.Insutype, "input.data.insutype");
        check.DateTime(data.Begntime, "input.data.begntime");
        check.Amount(data.MedfeeSumamt, "input.data.medfee_sumamt");
        check.CertificateNamesPerson(data.MdtrtCertType, data.MdtrtCertNo, data.PsnNo, "input.data");

        // A swipe without drug lines is refused here, one with nothing to pay (空刷, all 0.00) after the sum is checked.
        if (check.Failed || !check.Lines(input.Drugdetail, "input.drugdetail", 1, check.Limits.FeeLinesMax))
        {
            return;
        }

        var sum = 0m;
        for (var i = 0; i < input.Drugdetail.Count && !check.Failed; i++)
        {
            var line = input.Drugdetail[i];
            var at = Path("input.drugdetail", i);
            check.Required(line.FixmedinsHilistId, at + ".fixmedins_hilist_id");
            check.Required(line.MedListCodg, at + ".med_list_codg");
            check.Amount(line.DetItemFeeSumamt, at + ".det_item_fee_sumamt");
            check.Quantity(line.Cnt, at + ".cnt");
            check.Quantity(line.Pric, at + ".pric");
            check.NonNegative(line.PrdDays, at + ".prd_days");
            sum += line.DetItemFeeSumamt;
        }

        if (!check.Failed && sum != data.MedfeeSumamt)
        {
            check.Fail(Infcodes.AmountMismatch, string.Create(CultureInfo.InvariantCulture,
                $"drug lines add up to {sum:0.00}, not the declared medfee_sumamt {data.MedfeeSumamt:0.00}"));
        }

        if (!check.Failed && data.MedfeeSumamt == 0m)
        {
            check.Fail(Infcodes.EmptySwipe, EmptySwipeMessage);
        }
    }

    public static void DailyReconciliation(DailyReconciliationInput input, InputChecker check)
    {
        var data = input.Data;
        check.Required(data.Insutype, "input.data.insutype");
        check.Required(data.ClrType, "input.data.clr_type");
        check.DateRange(data.StmtBegndate, data.StmtEnddate, "input.data.stmt_begndate", "input.data.stmt_enddate");
        check.Amount(data.MedfeeSumamt, "input.data.medfee_sumamt");
        check.Amount(data.FundPaySumamt, "input.data.fund_pay_sumamt");
        check.Amount(data.AcctPay, "input.data.acct_pay");
        check.NonNegative(data.FixmedinsSetlCnt, "input.data.fixmedins_setl_cnt");
    }

    public static void DetailReconciliation(DetailReconciliationInput input, InputChecker check)
    {
        var data = input.Data;
        check.Required(data.ClrType, "input.data.clr_type");
        check.DateRange(data.StmtBegndate, data.StmtEnddate, "input.data.stmt_begndate", "input.data.stmt_enddate");
        check.Amount(data.MedfeeSumamt, "input.data.medfee_sumamt");
        check.Amount(data.FundPaySumamt, "input.data.fund_pay_sumamt");
        check.Amount(data.CashPayamt, "input.data.cash_payamt");
        check.NonNegative(data.FixmedinsSetlCnt, "input.data.fixmedins_setl_cnt");
        if (check.Failed || !check.Lines(input.Detail, "input.detail", 0, check.Limits.ReconciliationLinesMax))
        {
            return;
        }

        for (var i = 0; i < input.Detail.Count && !check.Failed; i++)
        {
            var line = input.Detail[i];
            var at = Path("input.detail", i);
            check.Required(line.SetlId, at + ".setl_id");
            check.PsnNo(line.PsnNo, at + ".psn_no");
            check.Amount(line.MedfeeSumamt, at + ".medfee_sumamt");
            check.Amount(line.FundPaySumamt, at + ".fund_pay_sumamt");
            check.Amount(line.AcctPay, at + ".acct_pay");
        }
    }
}
