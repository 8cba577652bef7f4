using System.Globalization;
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

    /// <summary>Longest range a listing of a year-end job answers, in years.</summary>
    public const int ListYearsMax = 100;

    /// <summary>
    /// The strict <c>?from=yyyy&amp;to=yyyy</c> of a year-end job's listing (at most <see cref="ListYearsMax"/> years, from
    /// not after to): the years, or the 400 naming what is wrong.
    /// </summary>
    public static ProblemHttpResult? ReadYearRange(HttpRequest request, out int from, out int to)
    {
        ArgumentNullException.ThrowIfNull(request);
        (from, to) = (0, 0);
        if (CheckListQuery(request) is { } badQuery)
        {
            return badQuery;
        }

        var (fromText, toText) = (request.Query["from"].ToString(), request.Query["to"].ToString());
        if (!TryParseYear(fromText, out from) || !TryParseYear(toText, out to))
        {
            return AdminApi.BadRequest("Invalid query", $"from '{ClientText.Echo(fromText)}' and to '{ClientText.Echo(toText)}' must both be years as yyyy.");
        }

        return to < from || to - from >= ListYearsMax
            ? AdminApi.BadRequest("Invalid query", $"from {fromText} to {toText} must be 1 to {ListYearsMax} years, from not after to.")
            : null;
    }

    /// <summary>
    /// The <c>{"period":"yyyy"}</c> of a year-end job's run: a year that has ended on the business clock, or the 400
    /// naming what is wrong.
    /// </summary>
    public static async Task<(int Year, ProblemHttpResult? Problem)> ReadEndedYearAsync(HttpRequest request, IServiceProvider services, CancellationToken cancellationToken)
    {
        var (body, bad) = await AdminApi.ReadBodyAsync<RiskReserveRunRequest>(request, cancellationToken);
        if (bad is not null)
        {
            return (0, bad);
        }

        if (!TryParseYear(body!.Period, out var year))
        {
            return (0, AdminApi.BadRequest("Invalid period", $"period '{ClientText.Echo(body.Period ?? "")}' must be a year as yyyy."));
        }

        var current = BusinessNow(services).Year;
        return year >= current
            ? (0, AdminApi.BadRequest("Invalid period", $"period {body.Period} has not ended (this year is {current}); only a past year can be closed."))
            : (year, null);
    }

    /// <summary>A year as exactly four digits, 1900 or later.</summary>
    public static bool TryParseYear(string? text, out int year) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out year) && text!.Length == 4 && year >= 1900;

    /// <summary>Now on the settlement clock, at the wire offset (+08:00): what "a period that has ended" is measured against.</summary>
    public static DateTimeOffset BusinessNow(IServiceProvider services) =>
        services.GetRequiredKeyedService<TimeProvider>(SettlementClock.ServiceKey).GetUtcNow()
            .ToOffset(services.GetRequiredService<IOptions<GatewayOptions>>().Value.WireUtcOffset);
}
