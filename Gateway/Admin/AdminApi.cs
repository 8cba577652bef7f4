using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Medisettle.Gateway.Admin;

/// <summary>
/// The admin API under <c>/admin/v1</c> (bearer admin token, ProblemDetails errors, in the OpenAPI document):
/// persons, institutions, policy packs, fund balances and the ledger audit. Amounts are integer fen.
/// </summary>
public static class AdminApi
{
    /// <summary>Most persons in one bulk enrolment.</summary>
    public const int EnrolmentBatchMax = 1_000;

    /// <summary>Most journal entries shown for one person.</summary>
    public const int PersonEntriesMax = 1_000;

    /// <summary>Largest policy pack body accepted.</summary>
    public const int PolicyPackBytesMax = 1024 * 1024;

    /// <summary>Maps every admin endpoint.</summary>
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGatewayAdmin();
        PersonAdminEndpoints.Map(group);
        InstitutionAdminEndpoints.Map(group);
        PolicyAdminEndpoints.Map(group);
        LedgerAdminEndpoints.Map(group);
        return endpoints;
    }

    /// <summary>
    /// Reads a JSON body inside the handler, so the admin token is checked before the body is looked at (minimal
    /// API parameter binding would answer a bad body with 400 before the token filter runs).
    /// </summary>
    internal static async Task<(T? Value, ProblemHttpResult? Problem)> ReadBodyAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            var value = await request.ReadFromJsonAsync<T>(options, cancellationToken);
            return value is null ? (null, BadRequest("Invalid body", "The body must be a JSON value, not null.")) : (value, null);
        }
        catch (JsonException e)
        {
            return (null, BadRequest("Invalid body", e.Message));
        }
        catch (InvalidOperationException e)
        {
            return (null, BadRequest("Invalid body", e.Message));
        }
    }

    internal static ProblemHttpResult BadRequest(string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status400BadRequest, extensions: extensions);

    internal static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(title: "Not found", detail: detail, statusCode: StatusCodes.Status404NotFound);
}
