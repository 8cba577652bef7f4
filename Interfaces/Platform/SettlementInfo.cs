namespace Medisettle.Interfaces.Platform;

/// <summary>setlinfo: the settlement's split. Parts add up: medfee_sumamt = fund_pay_sumamt + acct_pay + psn_cash_pay + hosp_part_amt.</summary>
public sealed record SettlementInfo
{
    public required string MdtrtId { get; init; }

    public required string SetlId { get; init; }

    public required string PsnNo { get; init; }

    public required decimal MedfeeSumamt { get; init; }

    public required decimal FulamtOwnpayAmt { get; init; }

    public required decimal OverlmtSelfpay { get; init; }

    public required decimal PreselfpayAmt { get; init; }

    public required decimal InscpScpAmt { get; init; }

    public required decimal ActPayDedc { get; init; }

    public required decimal HifpPay { get; init; }

    public required decimal PoolPropSelfpay { get; init; }

    public required decimal HifmiPay { get; init; }

    public required decimal HifobPay { get; init; }

    public required decimal MafPay { get; init; }

    public required decimal OthPay { get; init; }

    public required decimal FundPaySumamt { get; init; }

    public required decimal PsnPartAmt { get; init; }

    public required decimal AcctPay { get; init; }

    public required decimal PsnCashPay { get; init; }

    public required decimal HospPartAmt { get; init; }

    public required decimal Balc { get; init; }

    public required string SetlTime { get; init; }
}
