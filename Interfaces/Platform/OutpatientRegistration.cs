namespace Medisettle.Interfaces.Platform;

/// <summary>2201 data: an outpatient registration.</summary>
public sealed record OutpatientRegistration
{
    public required string PsnNo { get; init; }

    public required string Insutype { get; init; }

    public required string Begntime { get; init; }

    public required string MdtrtCertType { get; init; }

    public required string MdtrtCertNo { get; init; }

    public required string IptOtpNo { get; init; }

    public required string AtddrNo { get; init; }

    public required string DrName { get; init; }

    public required string DeptCode { get; init; }

    public required string DeptName { get; init; }

    public required string Caty { get; init; }
}
