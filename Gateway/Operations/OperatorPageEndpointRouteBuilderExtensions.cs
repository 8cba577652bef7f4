using Medisettle.Gateway.Diagnostics;
using Medisettle.Interfaces.Administration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Medisettle.Gateway.Operations;

/// <summary>The operator page <c>/ops</c> (plain HTML and a little JS) and its JSON <c>/ops/data</c>, behind the admin credential.</summary>
public static class OperatorPageEndpointRouteBuilderExtensions
{
    /// <summary>Paths that need the admin credential (bearer token or the operator cookie).</summary>
    public static readonly IReadOnlyList<PathString> GuardedPrefixes = ["/ops", "/dashboard"];

    /// <summary>Guards <see cref="GuardedPrefixes"/> (before routing: add it before the guarded endpoints run).</summary>
    public static IApplicationBuilder UseOperatorAccess(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.UseMiddleware<OperatorAccessMiddleware>(GuardedPrefixes);
    }

    /// <summary>Maps <c>GET /ops</c> (the page) and <c>GET /ops/data</c> (its figures, polled every 2 s).</summary>
    public static IEndpointRouteBuilder MapOperatorPage(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/ops", () => Results.Content(OperatorPageHtml.Text, "text/html; charset=utf-8")).ExcludeFromDescription();
        endpoints.MapGet("/ops/data", async ([FromServices] GatewayMetrics metrics, [FromServices] ILedgerQueries ledger, [FromServices] IGrainFactory grains, CancellationToken cancellationToken) =>
            TypedResults.Ok(await OperatorData.ReadAsync(metrics.Recent, ledger, grains, cancellationToken))).ExcludeFromDescription();
        return endpoints;
    }
}
