using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Medisettle.Gateway.Diagnostics;
using Medisettle.Gateway.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Medisettle.Gateway.Admin;

/// <summary>
/// The admin API under <c>/admin/v1</c> (bearer admin token, ProblemDetails errors, in the OpenAPI document):
/// persons, institutions, policy packs, fund balances, the ledger audit and the review queue of control flags. Amounts are integer fen.
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
        FlagAdminEndpoints.Map(group);
        JobAdminEndpoints.Map(group);
        MonthlyPayoutAdminEndpoints.Map(group);
        RiskReserveAdminEndpoints.Map(group);
        SecondaryCompensationAdminEndpoints.Map(group);
        InsurerCooperationAdminEndpoints.Map(group);
        return endpoints;
    }

    /// <summary>Largest admin request body (JSON) accepted; a bigger one is 413 (a bulk enrolment of 1,000 persons is about 300 KB).</summary>
    public const int BodyBytesMax = 4 * 1024 * 1024;

    private static readonly ConditionalWeakTable<JsonSerializerOptions, JsonSerializerOptions> StrictOptions = [];

    /// <summary>
    /// Reads a JSON body inside the handler, so the admin token is checked before the body is looked at (minimal
    /// API parameter binding would answer a bad body with 400 before the token filter runs). Then: 415 unless the
    /// body is JSON, 413 (naming <see cref="BodyBytesMax"/>) when it is bigger, 400 when it is not strict JSON of
    /// <typeparamref name="T"/> (numbers only as JSON numbers, no duplicate properties).
    /// </summary>
    internal static async Task<(T? Value, ProblemHttpResult? Problem)> ReadBodyAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        var (body, problem) = await ReadBytesAsync(request, BodyBytesMax, nameof(BodyBytesMax), cancellationToken);
        if (problem is not null)
        {
            return (null, problem);
        }

        var options = StrictOptions.GetValue(
            request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions,
            web => new JsonSerializerOptions(web) { NumberHandling = JsonNumberHandling.Strict, AllowDuplicateProperties = false });
        try
        {
            var value = JsonSerializer.Deserialize<T>(body.Span, options);
            return value is null ? (null, BadRequest("Invalid body", "The body must be a JSON value, not null.")) : (value, null);
        }
        catch (JsonException e)
        {
            return (null, BadRequest("Invalid body", ClientText.BoundMessage(e.Message)!));
        }
    }

    /// <summary>The body's bytes, or the ProblemDetails refusal: 415 when it is not JSON, 413 naming <paramref name="limitName"/> when too big.</summary>
    internal static async Task<(ReadOnlyMemory<byte> Body, ProblemHttpResult? Problem)> ReadBytesAsync(
        HttpRequest request, int bytesMax, string limitName, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return (default, TypedResults.Problem(title: "Unsupported media type", detail: "Content-Type must be application/json.",
                statusCode: StatusCodes.Status415UnsupportedMediaType));
        }

        var tooLarge = TypedResults.Problem(title: "Body too large",
            detail: string.Create(CultureInfo.InvariantCulture, $"The body exceeds {limitName} ({bytesMax} bytes)."),
            statusCode: StatusCodes.Status413PayloadTooLarge,
            extensions: new Dictionary<string, object?> { ["limit"] = limitName, ["bytesMax"] = bytesMax });
        try
        {
            return await BoundedBody.ReadAsync(request.HttpContext, bytesMax, cancellationToken) is { } body ? (body, null) : (default, tooLarge);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (default, tooLarge);
        }
    }

    internal static ProblemHttpResult BadRequest(string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status400BadRequest, extensions: extensions);

    internal static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(title: "Not found", detail: detail, statusCode: StatusCodes.Status404NotFound);
}
