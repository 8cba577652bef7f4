namespace Medisettle.Interfaces.Platform;

/// <summary>2201 门诊挂号 input.</summary>
public sealed record OutpatientRegisterInput
{
    public required OutpatientRegistration Data { get; init; }
}
