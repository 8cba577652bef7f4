using System.Security.Cryptography;
using System.Text;
using Medisettle.Gateway.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Medisettle.Gateway.Admin;

/// <summary>
/// Lets an admin request through only with <c>Authorization: Bearer {GatewayOptions.AdminToken}</c>.
/// Compares SHA-256 digests in constant time, so neither content nor length leaks through timing.
/// </summary>
internal sealed class AdminTokenFilter(IOptions<GatewayOptions> options, ILogger<AdminTokenFilter> logger) : IEndpointFilter
{
    private const string Scheme = "Bearer ";

    private readonly byte[] _expectedDigest = SHA256.HashData(Encoding.UTF8.GetBytes(options.Value.AdminToken ?? string.Empty));

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var authorization = http.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return Refuse(http, "Admin credential required", "Send the admin token as 'Authorization: Bearer <token>'.");
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(authorization[Scheme.Length..].Trim()));
        if (!CryptographicOperations.FixedTimeEquals(presented, _expectedDigest))
        {
            return Refuse(http, "Admin credential rejected", "The bearer token is not the configured admin token.");
        }

        return await next(context);
    }

    private ProblemHttpResult Refuse(HttpContext http, string title, string detail)
    {
        GatewayLog.AdminRefused(logger, LogMasking.MaskRoute(http), title);
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status401Unauthorized);
    }
}
