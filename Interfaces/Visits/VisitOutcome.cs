namespace Medisettle.Interfaces.Visits;

/// <summary>The answer to a visit operation: accepted with the visit as it now is, or refused with a reason.</summary>
[GenerateSerializer]
[Immutable]
public sealed record VisitOutcome
{
    [Id(0)] public VisitSnapshot? Visit { get; init; }
    [Id(1)] public VisitRejectionCode? Rejection { get; init; }
    [Id(2)] public string? Message { get; init; }

    public bool Accepted => Rejection is null;

    public static VisitOutcome Ok(VisitSnapshot visit) => new() { Visit = visit };

    public static VisitOutcome Refused(VisitRejectionCode code, string message) => new() { Rejection = code, Message = message };
}
