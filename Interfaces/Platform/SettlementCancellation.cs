namespace Medisettle.Interfaces.Platform;

/// <summary>2208/2305/2103 data: the settlement to reverse.</summary>
public sealed record SettlementCancellation
{
    public required string SetlId { get; init; }

    public required string MdtrtId { get; init; }

    public required string PsnNo { get; init; }
}
