using Medisettle.Gateway.Diagnostics;
using Medisettle.Interfaces;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Medisettle.Gateway.Admin;

/// <summary>What the fund jobs' admin endpoints share: the strict <c>?from=&amp;to=</c> of a listing, and the business clock.</summary>
internal static class JobRequests
{
    private static readonly string[] ListKeys = ["from", "to"];

    /// <summary>400 for a query parameter other than <c>from</c> and <c>to</c>, or one given more than once; null when fine.</summary>
    public static ProblemHttpResult? CheckListQuery(HttpRequest request)
    {
        foreach (var (key, values) in request.Query)
        {
            if (!ListKeys.Contains(key, StringComparer.Ordinal))
            {
                return AdminApi.BadRequest("Invalid query", $"unknown query parameter '{ClientText.Echo(key)}'; known: from, to.");
            }

            if (values.Count != 1)
            {
                return AdminApi.BadRequest("Invalid query", $"query parameter '{key}' is given {values.Count} times.");
            }
        }

        return null;
    }

    /// <summary>Now on the settlement clock, at the wire offset (+08:00): what "a period that has ended" is measured against.</summary>
    public static DateTimeOffset BusinessNow(IServiceProvider services) =>
        services.GetRequiredKeyedService<TimeProvider>(SettlementClock.ServiceKey).GetUtcNow()
            .ToOffset(services.GetRequiredService<IOptions<GatewayOptions>>().Value.WireUtcOffset);
}
