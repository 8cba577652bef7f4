using Medisettle.Gateway.Pipeline;

namespace Medisettle.Gateway.Security;

/// <summary>Either the authenticated institution or why the request was refused.</summary>
internal readonly record struct AuthenticationResult(string? Institution, GatewayFailure? Failure)
{
    public static AuthenticationResult Success(string institution) => new(institution, null);

    public static AuthenticationResult Refused(GatewayFailure failure) => new(null, failure);
}
