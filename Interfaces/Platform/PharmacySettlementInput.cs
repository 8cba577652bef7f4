namespace Medisettle.Interfaces.Platform;

/// <summary>2101/2102 药店(预)结算 input: the swipe with its drug lines inline.</summary>
public sealed record PharmacySettlementInput
{
    public required PharmacySettlementRequest Data { get; init; }

    public required IReadOnlyList<PharmacyDrugLine> Drugdetail { get; init; }
}
