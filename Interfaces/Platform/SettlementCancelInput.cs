namespace Medisettle.Interfaces.Platform;

/// <summary>2208/2305/2103 结算撤销 input.</summary>
public sealed record SettlementCancelInput
{
    public required SettlementCancellation Data { get; init; }
}
