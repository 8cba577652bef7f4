namespace Medisettle.Interfaces.Platform;

/// <summary>2203/2401/2402 diseinfo: one diagnosis (诊断).</summary>
public sealed record DiagnosisInfo
{
    public required string DiagType { get; init; }

    public required int DiagSrtNo { get; init; }

    public required string DiagCode { get; init; }

    public required string DiagName { get; init; }

    public string? DiagDept { get; init; }

    public string? DiseDorNo { get; init; }

    public string? DiseDorName { get; init; }

    public string? DiagTime { get; init; }

    public string? ValiFlag { get; init; }
}
