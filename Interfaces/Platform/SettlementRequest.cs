namespace Medisettle.Interfaces.Platform;

/// <summary>2206/2207/2303/2304 data: what to settle. <c>medfee_sumamt</c> is yuan with at most two decimals.</summary>
public sealed record SettlementRequest
{
    public required string PsnNo { get; init; }

    public required string MdtrtCertType { get; init; }

    public required string MdtrtCertNo { get; init; }

    public required string MedType { get; init; }

    public required decimal MedfeeSumamt { get; init; }

    public required string PsnSetlway { get; init; }

    public required string MdtrtId { get; init; }

    public required string ChrgBchno { get; init; }

    public required string AcctUsedFlag { get; init; }

    public required string Insutype { get; init; }
}
