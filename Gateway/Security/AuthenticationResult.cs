using Medisettle.Gateway.Pipeline;

namespace Medisettle.Gateway.Security;

/// <summary>Either the authenticated institution and the signature recorded for it, or why the request was refused.</summary>
internal readonly record struct AuthenticationResult(string? Institution, RecordedSignature? Signature, GatewayFailure? Failure)
{
    public static AuthenticationResult Success(RecordedSignature signature) => new(signature.Institution, signature, null);

    public static AuthenticationResult Refused(GatewayFailure failure) => new(null, null, failure);
}

/// <summary>A verified signature the replay guard has recorded: what <see cref="IReplayGuard.ConfirmAsync"/> needs.</summary>
internal sealed record RecordedSignature(string Institution, long TimestampMilliseconds, string Signature);
