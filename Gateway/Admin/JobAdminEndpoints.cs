using System.Globalization;
using Medisettle.Gateway.Diagnostics;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Medisettle.Gateway.Admin;

/// <summary>
/// <c>/admin/v1/jobs/daily-close/runs</c>: run the daily close (日结) of a day now, and list the completed runs. A run is
/// done once per day: asked again, it answers the first run with <c>alreadyDone: true</c> and changes nothing.
/// </summary>
internal static class JobAdminEndpoints
{
    /// <summary>The grain key of the daily-close job (<c>DailyCloseGrain.Key</c>; the gateway does not reference the grains).</summary>
    public const string DailyCloseKey = "daily-close";

    /// <summary>Longest range a listing answers, in days.</summary>
    public const int ListDaysMax = 366;

    private const string DateFormat = "yyyy-MM-dd";

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/jobs/daily-close/runs", RunAsync).WithMetadata(new AdminBodyMetadata(typeof(DailyCloseRunRequest))).WithName("RunDailyClose")
            .WithSummary("Closes a day that has ended (period yyyy-MM-dd, at +08:00) at every institution with a posting; again: the first run, alreadyDone true.");
        group.MapGet("/jobs/daily-close/runs", ListAsync).WithName("ListDailyCloseRuns")
            .WithSummary($"Completed daily closes of ?from=yyyy-MM-dd&to=yyyy-MM-dd (both required, at most {ListDaysMax} days), oldest first.");
    }

    private static async Task<Results<Ok<DailyCloseRunResult>, ProblemHttpResult>> RunAsync(
        HttpRequest request, IGrainFactory grains, IServiceProvider services, CancellationToken cancellationToken)
    {
        var (body, bad) = await AdminApi.ReadBodyAsync<DailyCloseRunRequest>(request, cancellationToken);
        if (bad is not null)
        {
            return bad;
        }

        if (!TryParseDate(body!.Period, out var date))
        {
            return AdminApi.BadRequest("Invalid period", $"period '{ClientText.Echo(body.Period ?? "")}' must be a day as yyyy-MM-dd.");
        }

        var today = DateOnly.FromDateTime(JobRequests.BusinessNow(services).Date);
        if (date >= today)
        {
            return AdminApi.BadRequest("Invalid period", $"period {body.Period} has not ended (today is {today.ToString(DateFormat, CultureInfo.InvariantCulture)}); only a past day can be closed.");
        }

        return TypedResults.Ok(await grains.GetGrain<IDailyCloseGrain>(DailyCloseKey).RunAsync(date));
    }

    private static async Task<Results<Ok<IReadOnlyList<DailyCloseRun>>, ProblemHttpResult>> ListAsync(HttpRequest request, IGrainFactory grains)
    {
        if (JobRequests.CheckListQuery(request) is { } badQuery)
        {
            return badQuery;
        }

        var (fromText, toText) = (request.Query["from"].ToString(), request.Query["to"].ToString());
        if (!TryParseDate(fromText, out var from) || !TryParseDate(toText, out var to))
        {
            return AdminApi.BadRequest("Invalid query", $"from '{ClientText.Echo(fromText)}' and to '{ClientText.Echo(toText)}' must both be days as yyyy-MM-dd.");
        }

        if (to < from || to.DayNumber - from.DayNumber >= ListDaysMax)
        {
            return AdminApi.BadRequest("Invalid query", $"from {fromText} to {toText} must be 1 to {ListDaysMax} days, from not after to.");
        }

        return TypedResults.Ok(await grains.GetGrain<IDailyCloseGrain>(DailyCloseKey).ListAsync(from, to));
    }

    private static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
