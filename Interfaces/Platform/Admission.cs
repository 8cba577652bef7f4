namespace Medisettle.Interfaces.Platform;

/// <summary>2401 mdtrtinfo: an inpatient admission.</summary>
public sealed record Admission
{
    public required string PsnNo { get; init; }

    public required string Insutype { get; init; }

    public required string MdtrtCertType { get; init; }

    public required string MdtrtCertNo { get; init; }

    public required string MedType { get; init; }

    public required string IptNo { get; init; }

    public required string Begntime { get; init; }

    public required string AtddrNo { get; init; }

    public required string ChfpdrName { get; init; }

    public required string AdmDiagDscr { get; init; }

    public required string AdmDeptCodg { get; init; }

    public required string AdmDeptName { get; init; }

    public required string AdmBed { get; init; }

    public required string DscgMaindiagCode { get; init; }

    public required string DscgMaindiagName { get; init; }

    public string? MainCondDscr { get; init; }
}
