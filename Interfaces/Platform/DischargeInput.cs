namespace Medisettle.Interfaces.Platform;

/// <summary>2402 出院办理 input.</summary>
public sealed record DischargeInput
{
    public required Discharge Dscginfo { get; init; }

    public required IReadOnlyList<DiagnosisInfo> Diseinfo { get; init; }
}
