namespace Medisettle.Interfaces.Platform;

/// <summary>2101/2102 data. <c>medfee_sumamt</c> must equal the sum of the drug lines.</summary>
public sealed record PharmacySettlementRequest
{
    public required string PsnNo { get; init; }

    public required string MdtrtCertType { get; init; }

    public required string MdtrtCertNo { get; init; }

    public required string Insutype { get; init; }

    public required decimal MedfeeSumamt { get; init; }

    public required string Begntime { get; init; }

    public required string AcctUsedFlag { get; init; }

    public string? PsnSetlway { get; init; }

    public string? MedType { get; init; }
}
