using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Medisettle.Gateway.Operations;

/// <summary>
/// Guards the operator pages (<c>/ops</c>, <c>/dashboard</c>) with the admin credential. A request passes with
/// <c>Authorization: Bearer {AdminToken}</c> or with the <see cref="CookieName"/> cookie that a browser gets once, from
/// <c>?token=</c> on any guarded page or from the login form (<c>POST /ops/login</c>). The cookie is HttpOnly and
/// SameSite=Strict and holds an HMAC of the token, not the token. Anything else gets 401 and the login form.
/// </summary>
internal sealed class OperatorAccessMiddleware(RequestDelegate next, IOptions<GatewayOptions> options, IReadOnlyList<PathString> guarded)
{
    public const string CookieName = "medisettle_ops";

    public const string LoginPath = "/ops/login";

    private readonly byte[] _tokenDigest = SHA256.HashData(Encoding.UTF8.GetBytes(options.Value.AdminToken ?? string.Empty));

    private readonly string _cookieValue = Convert.ToHexStringLower(
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Value.AdminToken ?? string.Empty), "medisettle-ops-cookie-v1"u8));

    public async Task InvokeAsync(HttpContext http)
    {
        var path = http.Request.Path;
        if (path == LoginPath && HttpMethods.IsPost(http.Request.Method))
        {
            await LoginAsync(http);
            return;
        }

        if (!guarded.Any(prefix => path.StartsWithSegments(prefix)))
        {
            await next(http);
            return;
        }

        if (http.Request.Query["token"].ToString() is { Length: > 0 } token)
        {
            await GrantAsync(http, token, path.Value ?? "/ops");
            return;
        }

        if (HasBearer(http) || HasCookie(http))
        {
            await next(http);
            return;
        }

        await OperatorLoginPage.WriteAsync(http, path.Value ?? "/ops", failed: false);
    }

    private async Task LoginAsync(HttpContext http)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var back = form["return"].ToString();
        await GrantAsync(http, form["token"].ToString(), IsGuardedPath(back) ? back : "/ops");
    }

    private async Task GrantAsync(HttpContext http, string token, string back)
    {
        if (!Matches(token))
        {
            await OperatorLoginPage.WriteAsync(http, back, failed: true);
            return;
        }

        http.Response.Cookies.Append(CookieName, _cookieValue, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            Path = "/",
        });
        http.Response.Redirect(back); // drops ?token= from the address bar and the history
    }

    /// <summary>Only a local path under a guarded prefix is a place to return to (no open redirect).</summary>
    private bool IsGuardedPath(string back) =>
        back.StartsWith('/') && !back.StartsWith("//", StringComparison.Ordinal) && !back.Contains('\\', StringComparison.Ordinal)
        && guarded.Any(prefix => new PathString(back).StartsWithSegments(prefix));

    private bool HasBearer(HttpContext http)
    {
        var authorization = http.Request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && Matches(authorization["Bearer ".Length..].Trim());
    }

    private bool HasCookie(HttpContext http) =>
        http.Request.Cookies[CookieName] is { } cookie
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(cookie), Encoding.ASCII.GetBytes(_cookieValue));

    private bool Matches(string token) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(token)), _tokenDigest);
}
