namespace Medisettle.Gateway.Admin;

/// <summary>Body of <c>POST /admin/v1/flags/{flagId}/dismiss</c>.</summary>
public sealed record FlagDismissal(string Reason);
