namespace Medisettle.Grains.Visits;

/// <summary>A message a visit accepted: a retry with the same id returns success without changing anything.</summary>
/// <param name="MessageId">The client's msgid.</param>
/// <param name="Operation">What the message did to the visit ("open", "fees", …); a repeat must do the same.</param>
/// <param name="AcceptedAt">When the visit accepted it (settlement clock); null for messages a version before it kept.</param>
public sealed record VisitMessage(string MessageId, string Operation, DateTimeOffset? AcceptedAt = null);
