namespace Medisettle.Interfaces.Platform;

/// <summary>2402 dscginfo: an inpatient discharge.</summary>
public sealed record Discharge
{
    public required string MdtrtId { get; init; }

    public required string PsnNo { get; init; }

    public required string Insutype { get; init; }

    public required string Endtime { get; init; }

    public required string DscgWay { get; init; }

    public required string DscgDeptCodg { get; init; }

    public required string DscgDeptName { get; init; }

    public string? DiseCodg { get; init; }

    public string? DiseName { get; init; }
}
