using Microsoft.AspNetCore.Http.Metadata;

namespace Medisettle.Gateway.Admin;

/// <summary>
/// Describes an admin endpoint's JSON body for the OpenAPI document without a routing-level content-type
/// constraint: <c>Accepts&lt;T&gt;("application/json")</c> would let routing answer 415 before the admin token is
/// checked. The media type is checked in <see cref="AdminApi"/> after the token (401 first, then 415).
/// </summary>
internal sealed class AdminBodyMetadata(Type requestType) : IAcceptsMetadata
{
    public IReadOnlyList<string> ContentTypes => [];

    public Type? RequestType => requestType;

    public bool IsOptional => false;
}
