using System.Globalization;
using Medisettle.Gateway.Diagnostics;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Jobs;
using Medisettle.Interfaces.Ledger;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Medisettle.Gateway.Admin;

/// <summary>
/// The insurer cooperation (政保合作) job: <c>/admin/v1/insurer/agreements</c> and <c>/admin/v1/insurer/assessments</c>
/// record a year's agreement (before its first month is run) and the assessments against the insurer (until the year is
/// settled); <c>/admin/v1/jobs/insurer-cooperation/runs</c> runs a month that has ended (<c>yyyy-MM</c>, in order) or
/// settles a year that has ended (<c>yyyy</c>, after its December), once each, and lists the runs of a range of years.
/// </summary>
internal static class InsurerCooperationAdminEndpoints
{
    /// <summary>The grain key of the insurer cooperation job (<c>InsurerCooperationGrain.Key</c>).</summary>
    public const string Key = "insurer-cooperation";

    /// <summary>Most insured persons an agreement counts.</summary>
    public const int InsuredPersonsMax = 100_000_000;

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/jobs/insurer-cooperation/runs", RunAsync).WithMetadata(new AdminBodyMetadata(typeof(RiskReserveRunRequest))).WithName("RunInsurerCooperation")
            .WithSummary("Runs a month that has ended (period yyyy-MM; the months of a year in order) or settles a year that has ended (period yyyy, after its December); again: the first run, alreadyDone true; 409 when refused.");
        group.MapGet("/jobs/insurer-cooperation/runs", ListAsync).WithName("ListInsurerCooperationRuns")
            .WithSummary($"Completed insurer cooperation runs (months and year-end settlements) of ?from=yyyy&to=yyyy (both required, at most {JobRequests.ListYearsMax} years), in period order.");
        group.MapPost("/insurer/agreements", RecordAgreementAsync).WithMetadata(new AdminBodyMetadata(typeof(InsurerAgreementRequest))).WithName("RecordInsurerAgreement")
            .WithSummary("Records a pooled fund's insurer cooperation agreement for a year (insured persons), once; refused once the year's January is run.");
        group.MapPost("/insurer/assessments", RecordAssessmentAsync).WithMetadata(new AdminBodyMetadata(typeof(InsurerAssessmentRequest))).WithName("RecordInsurerAssessment")
            .WithSummary("Records a complaint or a missed risk warning against the insurer for a fund and year, once per assessmentId; refused once the year is settled.");
    }

    private static async Task<Results<Ok<InsurerCooperationRunResult>, ProblemHttpResult>> RunAsync(
        HttpRequest request, IGrainFactory grains, IServiceProvider services, CancellationToken cancellationToken)
    {
        var (body, bad) = await AdminApi.ReadBodyAsync<RiskReserveRunRequest>(request, cancellationToken);
        if (bad is not null)
        {
            return bad;
        }

        var now = BusinessMonth.Of(DateOnly.FromDateTime(JobRequests.BusinessNow(services).Date));
        var job = grains.GetGrain<IInsurerCooperationGrain>(Key);
        InsurerCooperationRunResult result;
        if (BusinessMonth.TryParse(body!.Period, out var month))
        {
            if (month >= now)
            {
                return AdminApi.BadRequest("Invalid period", $"period {body.Period} has not ended (this month is {now}); only a past month can be run.");
            }

            result = await job.RunMonthAsync(month);
        }
        else if (JobRequests.TryParseYear(body.Period, out var year))
        {
            if (year >= now.Year)
            {
                return AdminApi.BadRequest("Invalid period", $"period {body.Period} has not ended (this year is {now.Year}); only a past year can be settled.");
            }

            result = await job.RunYearAsync(year);
        }
        else
        {
            return AdminApi.BadRequest("Invalid period", $"period '{ClientText.Echo(body.Period ?? "")}' must be a month as yyyy-MM or a year as yyyy.");
        }

        return result.Run is null
            ? TypedResults.Problem(title: "Run refused", detail: result.Refusal, statusCode: StatusCodes.Status409Conflict)
            : TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<IReadOnlyList<InsurerCooperationRun>>, ProblemHttpResult>> ListAsync(HttpRequest request, IGrainFactory grains)
    {
        if (JobRequests.ReadYearRange(request, out var from, out var to) is { } bad)
        {
            return bad;
        }

        return TypedResults.Ok(await grains.GetGrain<IInsurerCooperationGrain>(Key).ListAsync(from, to));
    }

    private static async Task<Results<Ok<InsurerRecordResult>, ProblemHttpResult>> RecordAgreementAsync(HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var (body, bad) = await AdminApi.ReadBodyAsync<InsurerAgreementRequest>(request, cancellationToken);
        if (bad is not null)
        {
            return bad;
        }

        var problem = FundProblem(body!.Fund) ?? YearProblem(body.Year)
            ?? (body.InsuredPersons is < 1 or > InsuredPersonsMax ? $"insuredPersons {body.InsuredPersons} must be 1 to {InsuredPersonsMax}." : null);
        if (problem is not null)
        {
            return AdminApi.BadRequest("Invalid agreement", problem);
        }

        var result = await grains.GetGrain<IInsurerCooperationGrain>(Key).RecordAgreementAsync(new InsurerAgreement { Fund = body.Fund!, Year = body.Year, InsuredPersons = body.InsuredPersons });
        return Answer(result);
    }

    private static async Task<Results<Ok<InsurerRecordResult>, ProblemHttpResult>> RecordAssessmentAsync(HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var (body, bad) = await AdminApi.ReadBodyAsync<InsurerAssessmentRequest>(request, cancellationToken);
        if (bad is not null)
        {
            return bad;
        }

        InsurerAssessmentKind kind = default;
        var problem = !AuditDeduction.IsWellFormedId(body!.AssessmentId)
            ? $"assessmentId '{ClientText.Echo(body.AssessmentId ?? "")}' must be 1 to {AuditDeduction.DeductionIdLengthMax} ASCII letters, digits, '-' or '_'."
            : FundProblem(body.Fund) ?? YearProblem(body.Year)
            ?? (body.Kind is not (nameof(InsurerAssessmentKind.Complaint) or nameof(InsurerAssessmentKind.MissedWarning)) || !Enum.TryParse(body.Kind, out kind)
                ? $"kind '{ClientText.Echo(body.Kind ?? "")}' must be Complaint or MissedWarning."
                : null)
            ?? (string.IsNullOrWhiteSpace(body.Reason) || body.Reason.Length > MonthlyPayoutAdminEndpoints.ReasonLengthMax
                ? $"reason must be 1 to {MonthlyPayoutAdminEndpoints.ReasonLengthMax} characters, not blank."
                : null);
        if (problem is not null)
        {
            return AdminApi.BadRequest("Invalid assessment", problem);
        }

        var result = await grains.GetGrain<IInsurerCooperationGrain>(Key).RecordAssessmentAsync(new InsurerAssessment
        {
            AssessmentId = body.AssessmentId!,
            Fund = body.Fund!,
            Year = body.Year,
            Kind = kind,
            Reason = body.Reason!,
        });
        return Answer(result);
    }

    private static Results<Ok<InsurerRecordResult>, ProblemHttpResult> Answer(InsurerRecordResult result) => result.Outcome switch
    {
        InsurerRecordOutcome.Recorded or InsurerRecordOutcome.AlreadyRecorded => TypedResults.Ok(result),
        InsurerRecordOutcome.Conflict => TypedResults.Problem(title: "Conflicting record", detail: result.Detail, statusCode: StatusCodes.Status409Conflict),
        InsurerRecordOutcome.Closed => TypedResults.Problem(title: "Period closed", detail: result.Detail, statusCode: StatusCodes.Status409Conflict),
        _ => TypedResults.Problem(title: "No insurer cooperation", detail: result.Detail, statusCode: StatusCodes.Status409Conflict),
    };

    private static string? FundProblem(string? fund)
    {
        try
        {
            return FundPoolKey.Parse(fund!).Fund == "BasicPooled"
                ? null
                : $"fund '{ClientText.Echo(fund!)}' must be a pooled fund, region:scheme:BasicPooled.";
        }
        catch (Exception e) when (e is FormatException or ArgumentNullException)
        {
            return $"fund '{ClientText.Echo(fund ?? "")}' must be a fund pool key region:scheme:BasicPooled, e.g. 330182:MergedResident:BasicPooled.";
        }
    }

    private static string? YearProblem(int year) =>
        year is < 1900 or > 9998 ? $"year {year.ToString(CultureInfo.InvariantCulture)} must be 1900 to 9998." : null;
}
