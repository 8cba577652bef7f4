using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

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

    internal static ProblemHttpResult BadRequest(string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status400BadRequest, extensions: extensions);

    internal static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(title: "Not found", detail: detail, statusCode: StatusCodes.Status404NotFound);
}
