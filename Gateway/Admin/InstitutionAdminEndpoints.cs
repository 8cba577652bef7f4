using Medisettle.Gateway.Diagnostics;
using Medisettle.Gateway.Security;
using Medisettle.Gateway.Validation;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Settlement;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Medisettle.Gateway.Admin;

/// <summary><c>/admin/v1/institutions</c>: register/update, read, suspend/revoke/reinstate, deduct points.</summary>
internal static class InstitutionAdminEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapPut("/institutions/{code}", RegisterAsync).WithMetadata(new AdminBodyMetadata(typeof(InstitutionRegistration))).WithName("RegisterInstitution")
            .WithSummary("Registers or updates an institution and its signing secret (base64, ≥ 32 bytes; null keeps it).");
        group.MapGet("/institutions/{code}", GetAsync).WithName("GetInstitution").WithSummary("An institution's profile, score and daily totals.");
        group.MapPost("/institutions/{code}/designation", SetDesignationAsync).WithMetadata(new AdminBodyMetadata(typeof(DesignationChange))).WithName("SetDesignation")
            .WithSummary("Suspends, revokes or reinstates (Active) the designation; applies to the next swipe.");
        group.MapPost("/institutions/{code}/deductions", DeductAsync).WithMetadata(new AdminBodyMetadata(typeof(PointsDeduction))).WithName("DeductPoints")
            .WithSummary("Deducts score points; a pharmacy reaching 12 in a year is revoked at once.");
    }

    private static async Task<Results<Ok<InstitutionSnapshot>, ProblemHttpResult>> RegisterAsync(
        string code, HttpRequest request, IGrainFactory grains, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (CodeProblem(code) is { } invalid)
        {
            return invalid;
        }

        var (registration, bad) = await AdminApi.ReadBodyAsync<InstitutionRegistration>(request, cancellationToken);
        if (registration is null)
        {
            return bad!;
        }

        if (registration.Profile?.Code != code)
        {
            return AdminApi.BadRequest("Invalid registration", $"profile.code '{ClientText.Echo(registration.Profile?.Code)}' must equal the path's '{code}'.");
        }

        try
        {
            var snapshot = await grains.GetGrain<IInstitutionGrain>(code).RegisterAsync(registration);
            services.GetService<GrainInstitutionCredentialStore>()?.Invalidate(code);
            return TypedResults.Ok(snapshot);
        }
        catch (ArgumentException e)
        {
            return AdminApi.BadRequest("Invalid registration", e.Message);
        }
    }

    private static async Task<Results<Ok<InstitutionSnapshot>, ProblemHttpResult>> GetAsync(string code, IGrainFactory grains)
    {
        if (CodeProblem(code) is { } invalid)
        {
            return invalid;
        }

        return await grains.GetGrain<IInstitutionGrain>(code).GetSnapshotAsync() is { } snapshot
            ? TypedResults.Ok(snapshot)
            : AdminApi.NotFound($"Institution {code} is not registered.");
    }

    /// <summary>400 unless the path's code is a fixmedins_code (<see cref="PlatformIds"/>), checked before the body is read.</summary>
    private static ProblemHttpResult? CodeProblem(string code) =>
        PlatformIds.FixmedinsCodeProblem(code) is { } problem ? AdminApi.BadRequest("Invalid institution code", $"The path's fixmedins_code {problem}.") : null;

    private static async Task<Results<Ok<InstitutionSnapshot>, ProblemHttpResult>> SetDesignationAsync(string code, HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (CodeProblem(code) is { } invalid)
        {
            return invalid;
        }

        var (change, bad) = await AdminApi.ReadBodyAsync<DesignationChange>(request, cancellationToken);
        if (change is null)
        {
            return bad!;
        }

        var grain = grains.GetGrain<IInstitutionGrain>(code);
        if (await grain.GetSnapshotAsync() is null)
        {
            return AdminApi.NotFound($"Institution {code} is not registered.");
        }

        if (!Enum.IsDefined(change.Status) || string.IsNullOrWhiteSpace(change.Reason))
        {
            return AdminApi.BadRequest("Invalid designation change", "status must be Active, Suspended or Revoked, and a reason is required.");
        }

        return TypedResults.Ok(await grain.SetDesignationAsync(change.Status, change.Reason));
    }

    private static async Task<Results<Ok<InstitutionSnapshot>, ProblemHttpResult>> DeductAsync(string code, HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (CodeProblem(code) is { } invalid)
        {
            return invalid;
        }

        var (deduction, bad) = await AdminApi.ReadBodyAsync<PointsDeduction>(request, cancellationToken);
        if (deduction is null)
        {
            return bad!;
        }

        var grain = grains.GetGrain<IInstitutionGrain>(code);
        if (await grain.GetSnapshotAsync() is null)
        {
            return AdminApi.NotFound($"Institution {code} is not registered.");
        }

        if (deduction.Points is < 1 or > InstitutionRules.PharmacyPointsMax || string.IsNullOrWhiteSpace(deduction.Reason))
        {
            return AdminApi.BadRequest(
                "Invalid deduction", $"points must be 1..{InstitutionRules.PharmacyPointsMax} (got {deduction.Points}) and a reason is required.");
        }

        try
        {
            return TypedResults.Ok(await grain.DeductPointsAsync(deduction.Points, deduction.Reason));
        }
        catch (ArgumentException e)
        {
            return AdminApi.BadRequest("Invalid deduction", e.Message);
        }
    }
}
