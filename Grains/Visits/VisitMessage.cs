namespace Medisettle.Grains.Visits;

/// <summary>A message a visit accepted: a retry with the same id returns success without changing anything.</summary>
public sealed record VisitMessage(string MessageId, string Operation);
