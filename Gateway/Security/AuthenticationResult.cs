using Medisettle.Gateway.Pipeline;

namespace Medisettle.Gateway.Security;

/// <summary>Either the signature recorded for the authenticated institution, or why the request was refused.</summary>
internal readonly record struct AuthenticationResult(RecordedSignature? Signature, GatewayFailure? Failure)
{
    public static AuthenticationResult Success(RecordedSignature signature) => new(signature, null);

    public static AuthenticationResult Refused(GatewayFailure failure) => new(null, failure);
}

/// <summary>A verified signature the replay guard has recorded: what <see cref="IReplayGuard.ConfirmAsync"/> needs.</summary>
internal sealed record RecordedSignature(string Institution, long TimestampMilliseconds, string Signature);
