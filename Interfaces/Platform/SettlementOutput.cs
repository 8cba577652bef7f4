namespace Medisettle.Interfaces.Platform;

/// <summary>Settlement output (2206/2207/2303/2304/2101/2102, and the reversal for 2208/2305/2103).</summary>
public sealed record SettlementOutput
{
    public required SettlementInfo Setlinfo { get; init; }

    public required IReadOnlyList<SettlementFundDetail> Setldetail { get; init; }
}
