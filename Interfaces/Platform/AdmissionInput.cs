namespace Medisettle.Interfaces.Platform;

/// <summary>2401 入院办理 input.</summary>
public sealed record AdmissionInput
{
    public required Admission Mdtrtinfo { get; init; }

    public required IReadOnlyList<DiagnosisInfo> Diseinfo { get; init; }
}
