using Medisettle.Gateway.Admin;
using Medisettle.Gateway.Pipeline;
using Medisettle.Gateway.Transactions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Medisettle.Gateway;

/// <summary>Maps the gateway's endpoints.</summary>
public static class GatewayEndpointRouteBuilderExtensions
{
    public const string AdminPrefix = "/admin/v1";

    /// <summary>
    /// Maps <c>POST /fsi/api/transactions</c> (national-platform envelope), <c>/health</c>,
    /// <c>/metrics</c>, <c>/openapi/v1.json</c> and the built-in admin endpoints.
    /// </summary>
    public static IEndpointRouteBuilder MapGateway(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        // Built now so that a bad registration (two handlers for one infno) fails at start, not on the first request.
        _ = endpoints.ServiceProvider.GetRequiredService<TransactionEndpoint>();
        RequestDelegate transaction = http => http.RequestServices.GetRequiredService<TransactionEndpoint>().InvokeAsync(http);
        endpoints.MapPost(GatewayOptions.TransactionPath, transaction).ExcludeFromDescription();
        endpoints.MapHealthChecks("/health");
        // Prometheus text from the OpenTelemetry exporter (AddMedisettleTelemetry); absent when it is not registered.
        if (endpoints.ServiceProvider.GetService<OpenTelemetry.Metrics.MeterProvider>() is not null)
        {
            endpoints.MapPrometheusScrapingEndpoint().ExcludeFromDescription();
        }
        endpoints.MapOpenApi();
        endpoints.MapGatewayAdmin()
            .MapGet("/transactions", (TransactionRegistry registry) => TypedResults.Ok(
                registry.Infnos.Select(infno => new TransactionAvailability(
                    infno, registry.Names.GetValueOrDefault(infno, infno), registry.IsAvailable(infno))).ToList()))
            .WithName("ListTransactions")
            .WithSummary("Lists the transaction codes and whether a real handler serves each.");
        return endpoints;
    }

    /// <summary>
    /// A route group under <c>/admin/v1</c> that requires the admin bearer token and answers
    /// refusals as ProblemDetails (RFC 7807), a cluster failing over as 503 with Retry-After. Add admin endpoints to it:
    /// <c>app.MapGatewayAdmin().MapPost("/persons", …)</c>.
    /// </summary>
    public static RouteGroupBuilder MapGatewayAdmin(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup(AdminPrefix);
        group.AddEndpointFilter<AdminTokenFilter>();
        group.AddEndpointFilter<AdminUnavailableFilter>();
        group.WithTags("Admin");
        return group;
    }
}
