namespace Medisettle.Interfaces.Platform;

/// <summary>2202 门诊挂号撤销 input.</summary>
public sealed record OutpatientRegisterCancelInput
{
    public required VisitCancellation Data { get; init; }
}
