using Medisettle.Gateway.Diagnostics;
using Medisettle.Gateway.Validation;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Administration;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Settlement;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Medisettle.Gateway.Admin;

/// <summary><c>/admin/v1/persons</c>: enrol one or many, read one with year-to-date and settlements.</summary>
internal static class PersonAdminEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/persons", EnrolAsync).WithMetadata(new AdminBodyMetadata(typeof(PersonEnrolment))).WithName("EnrolPerson").WithSummary("Enrols (or updates) one insured person.");
        group.MapPost("/persons/batch", EnrolBatchAsync).WithMetadata(new AdminBodyMetadata(typeof(PersonEnrolment[]))).WithName("EnrolPersons")
            .WithSummary($"Enrols up to {AdminApi.EnrolmentBatchMax} persons (EnrolmentBatchMax).");
        group.MapGet("/persons/{psnNo}", GetAsync).WithName("GetPerson")
            .WithSummary("A person with this year's accumulators and their settlements from the journal.");
    }

    private static async Task<Results<Ok<PersonSnapshot>, ProblemHttpResult>> EnrolAsync(HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var (enrolment, bad) = await AdminApi.ReadBodyAsync<PersonEnrolment>(request, cancellationToken);
        if (enrolment is null)
        {
            return bad!;
        }

        if (Problem(enrolment) is { } problem)
        {
            return AdminApi.BadRequest("Invalid enrolment", problem);
        }

        try
        {
            return TypedResults.Ok(await grains.GetGrain<IPersonGrain>(enrolment.Profile.PersonId).EnrolAsync(enrolment));
        }
        catch (ArgumentException e)
        {
            return AdminApi.BadRequest("Invalid enrolment", e.Message);
        }
    }

    private static async Task<Results<Ok<BulkEnrolmentResult>, ProblemHttpResult>> EnrolBatchAsync(HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var (enrolments, bad) = await AdminApi.ReadBodyAsync<PersonEnrolment[]>(request, cancellationToken);
        if (enrolments is null)
        {
            return bad!;
        }

        if (enrolments.Length > AdminApi.EnrolmentBatchMax)
        {
            return AdminApi.BadRequest("Batch too large", $"{enrolments.Length} persons; at most {AdminApi.EnrolmentBatchMax} per batch (EnrolmentBatchMax).");
        }

        for (var i = 0; i < enrolments.Length; i++)
        {
            if (Problem(enrolments[i]) is { } problem)
            {
                return AdminApi.BadRequest("Invalid enrolment", $"[{i}]: {problem}");
            }
        }

        try
        {
            await Task.WhenAll(enrolments.Select(e => grains.GetGrain<IPersonGrain>(e.Profile.PersonId).EnrolAsync(e)));
        }
        catch (ArgumentException e)
        {
            return AdminApi.BadRequest("Invalid enrolment", e.Message);
        }

        return TypedResults.Ok(new BulkEnrolmentResult(enrolments.Length));
    }

    private static async Task<Results<Ok<PersonView>, ProblemHttpResult>> GetAsync(
        string psnNo, IGrainFactory grains, ILedgerQueries ledger, [FromKeyedServices(SettlementClock.ServiceKey)] TimeProvider time, IOptions<GatewayOptions> options, CancellationToken cancellationToken)
    {
        if (PlatformIds.PsnNoProblem(psnNo) is { } problem)
        {
            return AdminApi.BadRequest("Invalid psn_no", $"The path's psn_no {problem}.");
        }

        var snapshot = await grains.GetGrain<IPersonGrain>(psnNo).GetSnapshotAsync();
        if (snapshot is null)
        {
            return AdminApi.NotFound($"Person {psnNo} is not enrolled.");
        }

        var journal = await ledger.ReadPersonAsync(psnNo, AdminApi.PersonEntriesMax, cancellationToken);
        var cancelled = journal.Cancellations.ToDictionary(c => c.SettlementId, c => c.CancelledAt, StringComparer.Ordinal);
        var year = time.GetUtcNow().ToOffset(options.Value.WireUtcOffset).Year;
        return TypedResults.Ok(new PersonView
        {
            Profile = snapshot.Profile,
            AccountBalance = snapshot.AccountBalance,
            YearToDate = snapshot.YearToDateFor(year),
            Years = snapshot.Years,
            Settlements = [.. journal.Settlements.Select(s => new PersonSettlementView
            {
                SettlementId = s.SettlementId,
                MessageId = s.MessageId,
                InstitutionCode = s.InstitutionCode,
                VisitId = s.Breakdown.VisitId,
                VisitType = s.Breakdown.VisitType,
                SettledAt = s.SettledAt,
                TotalAmount = s.Breakdown.TotalAmount,
                FundPaySum = s.Breakdown.FundPaySum,
                AccountPaid = s.Breakdown.AccountPaid,
                CashPaid = s.Breakdown.CashPaid,
                CancelledAt = cancelled.TryGetValue(s.SettlementId, out var at) ? at : null,
            })],
            SettlementsTruncated = journal.Truncated,
        });
    }

    private static string? Problem(PersonEnrolment? enrolment) => enrolment?.Profile switch
    {
        null => "profile is required",
        { PersonId: var id } when PlatformIds.PsnNoProblem(id) is { } problem => $"profile.personId (the psn_no) {problem}",
        { InsuredRegion: var r } when r is null || r.Length != 6 || !r.All(char.IsAsciiDigit) => $"profile.insuredRegion '{ClientText.Echo(r)}' is not six digits",
        _ => enrolment.OpeningAccountBalance.IsNegative ? $"openingAccountBalance {enrolment.OpeningAccountBalance.Fen} is negative" : null,
    };
}
