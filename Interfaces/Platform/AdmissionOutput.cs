namespace Medisettle.Interfaces.Platform;

/// <summary>2401 output.</summary>
public sealed record AdmissionOutput
{
    public required VisitRegistration Result { get; init; }
}
