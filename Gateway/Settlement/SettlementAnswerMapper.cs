using Medisettle.Gateway.Transactions;
using Medisettle.Gateway.Validation;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Controls;
using Medisettle.Interfaces.Platform;
using Medisettle.Interfaces.Settlement;

namespace Medisettle.Gateway.Settlement;

/// <summary>Maps a <see cref="SettlementOutcome"/> to the wire: <c>setlinfo</c> + <c>setldetail</c>, or a rejection.</summary>
public static class SettlementAnswerMapper
{
    /// <summary>
    /// The transaction's answer. A rejection is infcode -1 with err_msg "{RejectionCode}: {message}". A cancel
    /// answers the reversed split with every amount negated (冲销), under the original setl_id;
    /// <paramref name="balanceNow"/> (the account balance after the cancel) replaces balc.
    /// </summary>
    public static HandlerOutcome<SettlementOutput> From(SettlementOutcome outcome, string personId, DateTimeOffset wireOffsetNow, Money? balanceNow = null)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Status == SettlementStatus.Rejected || outcome.Breakdown is null)
        {
            var rejection = outcome.Rejection;
            return rejection?.Code switch
            {
                null => HandlerOutcome<SettlementOutput>.Reject("Rejected: no reason given"),
                RejectionCode.UnknownPerson => HandlerOutcome<SettlementOutput>.Reject(Infcodes.UnknownPerson, $"{rejection.Code}: {rejection.Message}"),
                RejectionCode.MessageIdConflict => HandlerOutcome<SettlementOutput>.Reject(Infcodes.DuplicateMsgidConflict, $"{rejection.Code}: {rejection.Message}"),
                _ => HandlerOutcome<SettlementOutput>.Reject($"{rejection.Code}: {rejection.Message}"),
            };
        }

        var sign = outcome.Status == SettlementStatus.Cancelled ? -1 : 1;
        var answeredAt = outcome.AnsweredAt.ToOffset(wireOffsetNow.Offset);
        var output = Output(outcome.Breakdown, outcome.SettlementId ?? "", personId, answeredAt, sign);
        return HandlerOutcome<SettlementOutput>.Ok(
            balanceNow is { } balance ? output with { Setlinfo = output.Setlinfo with { Balc = WireAmount.ToYuan(balance) } } : output,
            WarnMessage(outcome));
    }

    /// <summary>
    /// warn_msg of a settlement the pack's control rules flagged: "flagged for review: {Rule} (flag {flag id}): {evidence}",
    /// one per rule joined by " | "; a pre-settlement says "would be flagged for review: {Rule}: {evidence}". Null when
    /// nothing was flagged, and for a cancel (the flags belong to the settlement).
    /// </summary>
    public static string? WarnMessage(SettlementOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Breakdown is not { Flags.Count: > 0 } breakdown || outcome.Status is not (SettlementStatus.Settled or SettlementStatus.PreSettled))
        {
            return null;
        }

        var parts = breakdown.Flags.Select(f => outcome.SettlementId is { } settlementId
            ? $"{f.Rule} (flag {ControlFlag.SettledFlagId(settlementId, f.Rule)}): {f.Evidence}"
            : $"{f.Rule}: {f.Evidence}");
        var prefix = outcome.Status == SettlementStatus.Settled ? "flagged for review: " : "would be flagged for review: ";
        return prefix + string.Join(" | ", parts);
    }

    private static SettlementOutput Output(SettlementBreakdown b, string settlementId, string personId, DateTimeOffset at, int sign)
    {
        decimal Y(Money amount) => WireAmount.ToYuan(sign < 0 ? -amount : amount);
        var info = new SettlementInfo
        {
            MdtrtId = b.VisitId,
            SetlId = settlementId,
            PsnNo = personId,
            MedfeeSumamt = Y(b.TotalAmount),
            FulamtOwnpayAmt = Y(b.FullOwnPay),
            OverlmtSelfpay = Y(b.OverLimitSelfPay),
            PreselfpayAmt = Y(b.PreSelfPay),
            InscpScpAmt = Y(b.InScopeAmount),
            ActPayDedc = Y(b.DeductibleCharged),
            HifpPay = Y(b.FundsPaid.BasicPooled),
            PoolPropSelfpay = Y(b.PoolProportionSelfPay),
            HifmiPay = Y(b.FundsPaid.CriticalIllness),
            HifobPay = Y(b.FundsPaid.LargeAmount),
            MafPay = Y(b.FundsPaid.MedicalAssistance),
            OthPay = Y(b.OtherPaid),
            FundPaySumamt = Y(b.FundPaySum),
            PsnPartAmt = Y(b.PersonalPart),
            AcctPay = Y(b.AccountPaid),
            PsnCashPay = Y(b.CashPaid),
            HospPartAmt = 0.00m,
            Balc = WireAmount.ToYuan(b.AccountBalanceAfter),
            SetlTime = WireTime.Format(at),
        };
        var detail = b.FundLines.Select(line => new SettlementFundDetail
        {
            FundPayType = WireCodes.FundPayType(line.FundType),
            InscpScpAmt = WireAmount.ToYuan(line.InScopeAmount),
            CrtPaybLmtAmt = WireAmount.ToYuan(line.CapAmount),
            FundPayamt = Y(line.AmountPaid),
            SetlProcInfo = line.ProcessInfo,
        }).ToList();
        return new SettlementOutput { Setlinfo = info, Setldetail = detail };
    }
}
