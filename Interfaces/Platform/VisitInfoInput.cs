namespace Medisettle.Interfaces.Platform;

/// <summary>2203 门诊就诊信息上传 input.</summary>
public sealed record VisitInfoInput
{
    public required VisitInfo Mdtrtinfo { get; init; }

    public required IReadOnlyList<DiagnosisInfo> Diseinfo { get; init; }
}
