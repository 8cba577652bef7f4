using Medisettle.Gateway.Diagnostics;
using Medisettle.Gateway.Validation;
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
/// <c>/admin/v1/jobs/monthly-payout/runs</c>: pay a month that has ended (拨付) now, and list the completed runs; a run is
/// done once per month (again: the first run, <c>alreadyDone: true</c>). <c>/admin/v1/jobs/monthly-payout/deductions</c>:
/// enter an audit deduction (审核扣款) for the payout of a month not paid yet, once per id.
/// </summary>
internal static class MonthlyPayoutAdminEndpoints
{
    /// <summary>The grain key of the monthly-payout job (<c>MonthlyPayoutGrain.Key</c>).</summary>
    public const string MonthlyPayoutKey = "monthly-payout";

    /// <summary>Longest range a listing answers, in months.</summary>
    public const int ListMonthsMax = 120;

    /// <summary>Largest audit deduction accepted, in fen (10,000,000,000 yuan).</summary>
    public const long DeductionFenMax = 1_000_000_000_000;

    /// <summary>Most characters of a deduction's reason.</summary>
    public const int ReasonLengthMax = 200;


    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/jobs/monthly-payout/runs", RunAsync).WithMetadata(new AdminBodyMetadata(typeof(MonthlyPayoutRunRequest))).WithName("RunMonthlyPayout")
            .WithSummary("Pays a month that has ended (period yyyy-MM, at +08:00): each fund's postings for each institution not paid yet, less the audit deductions; again: the first run, alreadyDone true.");
        group.MapGet("/jobs/monthly-payout/runs", ListAsync).WithName("ListMonthlyPayoutRuns")
            .WithSummary($"Completed monthly payouts of ?from=yyyy-MM&to=yyyy-MM (both required, at most {ListMonthsMax} months), oldest first.");
        group.MapPost("/jobs/monthly-payout/deductions", RecordDeductionAsync).WithMetadata(new AdminBodyMetadata(typeof(AuditDeductionRequest))).WithName("RecordAuditDeduction")
            .WithSummary("Enters an audit deduction (审核扣款) for the payout of a month not paid yet; again with the same id and content: the first, outcome AlreadyRecorded.");
    }

    private static async Task<Results<Ok<MonthlyPayoutRunResult>, ProblemHttpResult>> RunAsync(
        HttpRequest request, IGrainFactory grains, IServiceProvider services, CancellationToken cancellationToken)
    {
        var (body, bad) = await AdminApi.ReadBodyAsync<MonthlyPayoutRunRequest>(request, cancellationToken);
        if (bad is not null)
        {
            return bad;
        }

        if (!BusinessMonth.TryParse(body!.Period, out var month))
        {
            return AdminApi.BadRequest("Invalid period", $"period '{ClientText.Echo(body.Period ?? "")}' must be a month as yyyy-MM.");
        }

        var current = CurrentMonth(services);
        if (month >= current)
        {
            return AdminApi.BadRequest("Invalid period", $"period {month} has not ended (this month is {current}); only a past month can be paid.");
        }

        return TypedResults.Ok(await grains.GetGrain<IMonthlyPayoutGrain>(MonthlyPayoutKey).RunAsync(month));
    }

    private static async Task<Results<Ok<IReadOnlyList<MonthlyPayoutRun>>, ProblemHttpResult>> ListAsync(HttpRequest request, IGrainFactory grains)
    {
        if (JobRequests.CheckListQuery(request) is { } badQuery)
        {
            return badQuery;
        }

        var (fromText, toText) = (request.Query["from"].ToString(), request.Query["to"].ToString());
        if (!BusinessMonth.TryParse(fromText, out var from) || !BusinessMonth.TryParse(toText, out var to))
        {
            return AdminApi.BadRequest("Invalid query", $"from '{ClientText.Echo(fromText)}' and to '{ClientText.Echo(toText)}' must both be months as yyyy-MM.");
        }

        if (to < from || to.FirstDay.AddMonths(-ListMonthsMax) >= from.FirstDay)
        {
            return AdminApi.BadRequest("Invalid query", $"from {fromText} to {toText} must be 1 to {ListMonthsMax} months, from not after to.");
        }

        return TypedResults.Ok(await grains.GetGrain<IMonthlyPayoutGrain>(MonthlyPayoutKey).ListAsync(from, to));
    }

    private static async Task<Results<Ok<AuditDeductionResult>, ProblemHttpResult>> RecordDeductionAsync(
        HttpRequest request, IGrainFactory grains, IServiceProvider services, CancellationToken cancellationToken)
    {
        var (body, bad) = await AdminApi.ReadBodyAsync<AuditDeductionRequest>(request, cancellationToken);
        if (bad is not null)
        {
            return bad;
        }

        if (Problem(body!) is { } problem || !BusinessMonth.TryParse(body!.Month, out var month))
        {
            return AdminApi.BadRequest("Invalid deduction", Problem(body!)!);
        }

        var result = await grains.GetGrain<IMonthlyPayoutGrain>(MonthlyPayoutKey).RecordDeductionAsync(new AuditDeduction
        {
            DeductionId = body.DeductionId!,
            InstitutionCode = body.Institution!,
            Fund = body.Fund!,
            Month = month,
            Amount = new Money(body.AmountFen),
            Reason = body.Reason!,
        });
        return result.Outcome switch
        {
            AuditDeductionOutcome.Recorded or AuditDeductionOutcome.AlreadyRecorded => TypedResults.Ok(result),
            AuditDeductionOutcome.IdConflict => TypedResults.Problem(title: "Deduction id in use", statusCode: StatusCodes.Status409Conflict,
                detail: $"deductionId {body.DeductionId} was recorded with other content (institution {result.Deduction.InstitutionCode}, fund {result.Deduction.Fund}, month {result.Deduction.Month}, amountFen {result.Deduction.Amount.Fen})."),
            _ => TypedResults.Problem(title: "Month already paid", statusCode: StatusCodes.Status409Conflict,
                detail: $"the payout of {month} is done; enter the deduction for a month not paid yet."),
        };
    }

    /// <summary>What is wrong with a deduction's fields, each checked in turn, or null.</summary>
    private static string? Problem(AuditDeductionRequest body)
    {
        if (!AuditDeduction.IsWellFormedId(body.DeductionId))
        {
            return $"deductionId '{ClientText.Echo(body.DeductionId ?? "")}' must be 1 to {AuditDeduction.DeductionIdLengthMax} ASCII letters, digits, '-' or '_'.";
        }

        if (PlatformIds.FixmedinsCodeProblem(body.Institution) is { } institution)
        {
            return $"institution (fixmedins_code) {institution}.";
        }

        try
        {
            _ = FundPoolKey.Parse(body.Fund!);
        }
        catch (Exception e) when (e is FormatException or ArgumentNullException)
        {
            return $"fund '{ClientText.Echo(body.Fund ?? "")}' must be a fund pool key region:scheme:fund, e.g. 220722:UrbanResident:BasicPooled.";
        }

        if (!BusinessMonth.TryParse(body.Month, out _))
        {
            return $"month '{ClientText.Echo(body.Month ?? "")}' must be a month as yyyy-MM.";
        }

        if (body.AmountFen is <= 0 or > DeductionFenMax)
        {
            return $"amountFen {body.AmountFen} must be 1 to {DeductionFenMax}.";
        }

        return string.IsNullOrWhiteSpace(body.Reason) || body.Reason.Length > ReasonLengthMax
            ? $"reason must be 1 to {ReasonLengthMax} characters, not blank."
            : null;
    }

    private static BusinessMonth CurrentMonth(IServiceProvider services)
    {
        return BusinessMonth.Of(DateOnly.FromDateTime(JobRequests.BusinessNow(services).Date));
    }
}
