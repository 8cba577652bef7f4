namespace Medisettle.Gateway.Admin;

/// <summary>A transaction code, its name, and whether a real handler serves it.</summary>
public sealed record TransactionAvailability(string Infno, string Name, bool Available);
