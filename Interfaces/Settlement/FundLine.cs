namespace Medisettle.Interfaces.Settlement;


/// <summary>One fund's part of a settlement (wire <c>setldetail[]</c>).</summary>
[GenerateSerializer]
[Immutable]
public sealed record FundLine
{
    /// <summary><c>fund_pay_type</c>.</summary>
    [Id(0)] public required FundType FundType { get; init; }

    /// <summary><c>inscp_scp_amt</c>: the in-scope amount this fund worked on.</summary>
    [Id(1)] public required Money InScopeAmount { get; init; }

    /// <summary><c>crt_payb_lmt_amt</c>: the most this fund could still pay (remaining annual room before this settlement).</summary>
    [Id(2)] public required Money CapAmount { get; init; }

    /// <summary><c>fund_payamt</c>: amount paid by the fund.</summary>
    [Id(3)] public required Money AmountPaid { get; init; }

    /// <summary><c>setl_proc_info</c>: which pack rule produced the amount, with the arithmetic.</summary>
    [Id(4)] public required string ProcessInfo { get; init; }
}
