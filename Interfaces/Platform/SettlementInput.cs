namespace Medisettle.Interfaces.Platform;

/// <summary>2206/2207/2303/2304 (预)结算 input.</summary>
public sealed record SettlementInput
{
    public required SettlementRequest Data { get; init; }
}
