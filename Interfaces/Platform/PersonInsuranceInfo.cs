namespace Medisettle.Interfaces.Platform;

/// <summary>1101 insuinfo: one 参保 enrolment.</summary>
public sealed record PersonInsuranceInfo
{
    public required decimal Balc { get; init; }

    public required string Insutype { get; init; }

    public required string PsnType { get; init; }

    public required string PsnInsuStas { get; init; }

    public required string PsnInsuDate { get; init; }

    public string? PausInsuDate { get; init; }

    public string? CvlservFlag { get; init; }

    public required string InsuplcAdmdvs { get; init; }

    public string? EmpName { get; init; }
}
