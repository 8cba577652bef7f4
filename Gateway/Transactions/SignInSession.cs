namespace Medisettle.Gateway.Transactions;

/// <summary>An institution's current 9001 sign-in (签到).</summary>
public sealed record SignInSession(string SignNo, string OpterNo, DateTimeOffset SignedInAt);
