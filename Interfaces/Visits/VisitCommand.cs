namespace Medisettle.Interfaces.Visits;

/// <summary>Who asks for a change to a visit: the message id, the institution and the person it names.</summary>
[GenerateSerializer]
[Immutable]
public sealed record VisitCommand
{
    /// <summary>The client's message id (wire <c>msgid</c>); a retry returns the first answer.</summary>
    [Id(0)] public required string MessageId { get; init; }
    [Id(1)] public required string InstitutionCode { get; init; }
    /// <summary>The person the request names (wire <c>psn_no</c>); must be the visit's.</summary>
    [Id(2)] public required string PersonId { get; init; }
}
