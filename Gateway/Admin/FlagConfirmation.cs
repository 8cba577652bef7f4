namespace Medisettle.Gateway.Admin;

/// <summary>Body of <c>POST /admin/v1/flags/{flagId}/confirm</c>: points to deduct from the flagged institution (1–12) and why.</summary>
public sealed record FlagConfirmation(int Points, string Reason);
