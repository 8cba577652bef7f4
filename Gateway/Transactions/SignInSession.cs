namespace Medisettle.Gateway.Transactions;

/// <summary>An institution's 9001 sign-in (签到), opened by the request <paramref name="MessageId"/>.</summary>
public sealed record SignInSession(string MessageId, string SignNo, string OpterNo, DateTimeOffset SignedInAt);
