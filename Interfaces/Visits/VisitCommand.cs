namespace Medisettle.Interfaces.Visits;

/// <summary>Who asks for a change to a visit: the message id, the institution and the person it names.</summary>
public sealed record VisitCommand
{
    /// <summary>The client's message id (wire <c>msgid</c>); a retry returns the first answer.</summary>
    public required string MessageId { get; init; }
    public required string InstitutionCode { get; init; }
    /// <summary>The person the request names (wire <c>psn_no</c>); must be the visit's.</summary>
    public required string PersonId { get; init; }
}
