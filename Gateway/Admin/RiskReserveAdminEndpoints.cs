using Medisettle.Gateway.Diagnostics;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Jobs;
using Medisettle.Interfaces.Ledger;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Medisettle.Gateway.Admin;

/// <summary>
/// <c>/admin/v1/jobs/risk-reserve/runs</c>: the year-end risk reserve (风险储备金) of a year that has ended, once per year,
/// and the list of runs; <c>/admin/v1/funds/income</c>: record a fund pool's income for a year (what the reserve and the
/// surplus rest on), once per id.
/// </summary>
internal static class RiskReserveAdminEndpoints
{
    /// <summary>The grain key of the risk-reserve job (<c>RiskReserveGrain.Key</c>).</summary>
    public const string RiskReserveKey = "risk-reserve";

    /// <summary>Largest income accepted, in fen (1,000,000,000,000 yuan).</summary>
    public const long IncomeFenMax = 100_000_000_000_000;


    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/jobs/risk-reserve/runs", RunAsync).WithMetadata(new AdminBodyMetadata(typeof(RiskReserveRunRequest))).WithName("RunRiskReserve")
            .WithSummary("Sets aside the risk reserve of a year that has ended (period yyyy) for every pooled fund with income whose pack has the rule; again: the first run, alreadyDone true.");
        group.MapGet("/jobs/risk-reserve/runs", ListAsync).WithName("ListRiskReserveRuns")
            .WithSummary($"Completed risk reserve runs of ?from=yyyy&to=yyyy (both required, at most {JobRequests.ListYearsMax} years), oldest first.");
        group.MapPost("/funds/income", RecordIncomeAsync).WithMetadata(new AdminBodyMetadata(typeof(FundIncomeRequest))).WithName("RecordFundIncome")
            .WithSummary("Records a fund pool's income for a year (an income posting), once per incomeId; refused once the year's risk reserve is done.");
    }

    private static async Task<Results<Ok<RiskReserveRunResult>, ProblemHttpResult>> RunAsync(
        HttpRequest request, IGrainFactory grains, IServiceProvider services, CancellationToken cancellationToken)
    {
        var (year, problem) = await JobRequests.ReadEndedYearAsync(request, services, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        return TypedResults.Ok(await grains.GetGrain<IRiskReserveGrain>(RiskReserveKey).RunAsync(year));
    }

    private static async Task<Results<Ok<IReadOnlyList<RiskReserveRun>>, ProblemHttpResult>> ListAsync(HttpRequest request, IGrainFactory grains)
    {
        if (JobRequests.ReadYearRange(request, out var from, out var to) is { } bad)
        {
            return bad;
        }

        return TypedResults.Ok(await grains.GetGrain<IRiskReserveGrain>(RiskReserveKey).ListAsync(from, to));
    }

    private static async Task<Results<Ok<FundIncomeResult>, ProblemHttpResult>> RecordIncomeAsync(HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var (body, bad) = await AdminApi.ReadBodyAsync<FundIncomeRequest>(request, cancellationToken);
        if (bad is not null)
        {
            return bad;
        }

        if (Problem(body!) is { } problem)
        {
            return AdminApi.BadRequest("Invalid income", problem);
        }

        var result = await grains.GetGrain<IRiskReserveGrain>(RiskReserveKey).RecordIncomeAsync(new FundIncome
        {
            IncomeId = body!.IncomeId!,
            Fund = body.Fund!,
            Year = body.Year,
            Amount = new Money(body.AmountFen),
            Reason = body.Reason!,
        });
        return result.Outcome switch
        {
            FundIncomeOutcome.Recorded or FundIncomeOutcome.AlreadyRecorded => TypedResults.Ok(result),
            FundIncomeOutcome.IdConflict => TypedResults.Problem(title: "Income id in use", statusCode: StatusCodes.Status409Conflict,
                detail: $"incomeId {body.IncomeId} was recorded with other content (fund {result.Income.Fund}, year {result.Income.Year}, amountFen {result.Income.Amount.Fen})."),
            _ => TypedResults.Problem(title: "Year closed", statusCode: StatusCodes.Status409Conflict,
                detail: $"the risk reserve of {body.Year} is done, so its income is fixed; record it for a year not closed."),
        };
    }

    private static string? Problem(FundIncomeRequest body)
    {
        if (!AuditDeduction.IsWellFormedId(body.IncomeId))
        {
            return $"incomeId '{ClientText.Echo(body.IncomeId ?? "")}' must be 1 to {AuditDeduction.DeductionIdLengthMax} ASCII letters, digits, '-' or '_'.";
        }

        try
        {
            _ = FundPoolKey.Parse(body.Fund!);
        }
        catch (Exception e) when (e is FormatException or ArgumentNullException)
        {
            return $"fund '{ClientText.Echo(body.Fund ?? "")}' must be a fund pool key region:scheme:fund, e.g. 220722:UrbanResident:BasicPooled.";
        }

        if (body.Year is < 1900 or > 9998)
        {
            return $"year {body.Year} must be 1900 to 9998.";
        }

        if (body.AmountFen is <= 0 or > IncomeFenMax)
        {
            return $"amountFen {body.AmountFen} must be 1 to {IncomeFenMax}.";
        }

        return string.IsNullOrWhiteSpace(body.Reason) || body.Reason.Length > MonthlyPayoutAdminEndpoints.ReasonLengthMax
            ? $"reason must be 1 to {MonthlyPayoutAdminEndpoints.ReasonLengthMax} characters, not blank."
            : null;
    }
}
