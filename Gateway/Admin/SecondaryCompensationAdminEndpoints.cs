using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Medisettle.Gateway.Admin;

/// <summary>
/// <c>/admin/v1/jobs/secondary-compensation/runs</c>: the year-end 二次补偿 of a year that has ended, once per year (after
/// the year's risk reserve), and the list of runs.
/// </summary>
internal static class SecondaryCompensationAdminEndpoints
{
    /// <summary>The grain key of the 二次补偿 job (<c>SecondaryCompensationGrain.Key</c>).</summary>
    public const string Key = "secondary-compensation";


    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/jobs/secondary-compensation/runs", RunAsync).WithMetadata(new AdminBodyMetadata(typeof(RiskReserveRunRequest))).WithName("RunSecondaryCompensation")
            .WithSummary("二次补偿 of a year that has ended (period yyyy), after its risk reserve; again: the first run, alreadyDone true.");
        group.MapGet("/jobs/secondary-compensation/runs", ListAsync).WithName("ListSecondaryCompensationRuns")
            .WithSummary($"Completed 二次补偿 runs of ?from=yyyy&to=yyyy (both required, at most {JobRequests.ListYearsMax} years), oldest first.");
    }

    private static async Task<Results<Ok<CompensationRunResult>, ProblemHttpResult>> RunAsync(
        HttpRequest request, IGrainFactory grains, IServiceProvider services, CancellationToken cancellationToken)
    {
        var (year, problem) = await JobRequests.ReadEndedYearAsync(request, services, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var result = await grains.GetGrain<ISecondaryCompensationGrain>(Key).RunAsync(year);
        return result.Run is null
            ? TypedResults.Problem(title: "Risk reserve first", detail: result.Refusal, statusCode: StatusCodes.Status409Conflict)
            : TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<IReadOnlyList<CompensationRun>>, ProblemHttpResult>> ListAsync(HttpRequest request, IGrainFactory grains)
    {
        if (JobRequests.ReadYearRange(request, out var from, out var to) is { } bad)
        {
            return bad;
        }

        return TypedResults.Ok(await grains.GetGrain<ISecondaryCompensationGrain>(Key).ListAsync(from, to));
    }
}
