namespace Medisettle.Interfaces.Platform;

/// <summary>2201 output.</summary>
public sealed record OutpatientRegisterOutput
{
    public required VisitRegistration Data { get; init; }
}
