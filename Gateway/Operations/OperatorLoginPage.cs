using System.Net;
using Microsoft.AspNetCore.Http;

namespace Medisettle.Gateway.Operations;

/// <summary>The 401 answer of a guarded page: a form that posts the admin token to <c>/ops/login</c>.</summary>
internal static class OperatorLoginPage
{
    public static Task WriteAsync(HttpContext http, string back, bool failed)
    {
        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        http.Response.Headers.WWWAuthenticate = "Bearer";
        http.Response.ContentType = "text/html; charset=utf-8";
        var message = failed ? "<p class=\"err\">That is not the admin token.</p>" : string.Empty;
        return http.Response.WriteAsync($$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Medisettle operator sign-in</title>
            <style>body{font-family:system-ui,sans-serif;margin:4rem auto;max-width:28rem}input{width:100%;padding:.4rem;margin:.4rem 0}.err{color:#b00}</style></head>
            <body><h1>Medisettle operator sign-in</h1>{{message}}
            <p>Enter the admin token (<code>data/admin-token</code> or <code>MEDISETTLE_ADMIN_TOKEN</code>).</p>
            <form method="post" action="{{OperatorAccessMiddleware.LoginPath}}">
            <input type="hidden" name="return" value="{{WebUtility.HtmlEncode(back)}}">
            <input type="password" name="token" id="token" autocomplete="off" required>
            <button type="submit" id="sign-in">Sign in</button></form></body></html>
            """, http.RequestAborted);
    }
}
