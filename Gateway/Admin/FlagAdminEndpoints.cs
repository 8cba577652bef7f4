using System.Globalization;
using Medisettle.Gateway.Diagnostics;
using Medisettle.Gateway.Validation;
using Medisettle.Interfaces.Controls;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Settlement;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Medisettle.Gateway.Admin;

/// <summary>
/// <c>/admin/v1/flags</c>: the review queue of control-rule flags (list, read one), and their review: confirm (deducts
/// the flagged institution's points once, through the 12-point rule) or dismiss.
/// </summary>
internal static class FlagAdminEndpoints
{
    private static readonly string[] QueryKeys = ["status", "institution", "person", "rule", "after", "limit"];

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/flags", ListAsync).WithName("ListFlags")
            .WithSummary($"Flags for review, oldest first: ?status=open|confirmed|dismissed&institution=&person=&rule=&after=&limit= (1–{FlagQuery.LimitMax}, default 100).");
        group.MapGet("/flags/{flagId}", GetAsync).WithName("GetFlag").WithSummary("One flag with its review.");
        group.MapPost("/flags/{flagId}/confirm", ConfirmAsync).WithMetadata(new AdminBodyMetadata(typeof(FlagConfirmation))).WithName("ConfirmFlag")
            .WithSummary("Confirms a flag: deducts the points (1–12) from the flagged institution once; a pharmacy reaching 12 a year is revoked.");
        group.MapPost("/flags/{flagId}/dismiss", DismissAsync).WithMetadata(new AdminBodyMetadata(typeof(FlagDismissal))).WithName("DismissFlag")
            .WithSummary("Dismisses a flag; nothing else changes.");
    }

    private static async Task<Results<Ok<FlagPage>, ProblemHttpResult>> ListAsync(HttpRequest request, IGrainFactory grains)
    {
        var (query, problem) = ParseQuery(request.Query);
        if (query is null)
        {
            return AdminApi.BadRequest("Invalid flag query", problem!);
        }

        return TypedResults.Ok(await grains.GetGrain<IReviewQueueGrain>(0).ListFlagsAsync(query));
    }

    private static async Task<Results<Ok<FlagView>, ProblemHttpResult>> GetAsync(string flagId, IGrainFactory grains)
    {
        if (IdProblem(flagId) is { } invalid)
        {
            return invalid;
        }

        return await grains.GetGrain<IFlagReviewGrain>(flagId).GetAsync() is { } view
            ? TypedResults.Ok(view)
            : AdminApi.NotFound($"No flag has id '{flagId}'.");
    }

    private static async Task<Results<Ok<FlagView>, ProblemHttpResult>> ConfirmAsync(string flagId, HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (IdProblem(flagId) is { } invalid)
        {
            return invalid;
        }

        var (confirmation, bad) = await AdminApi.ReadBodyAsync<FlagConfirmation>(request, cancellationToken);
        if (confirmation is null)
        {
            return bad!;
        }

        if (confirmation.Points is < 1 or > InstitutionRules.PharmacyPointsMax || string.IsNullOrWhiteSpace(confirmation.Reason))
        {
            return AdminApi.BadRequest(
                "Invalid confirmation", $"points must be 1..{InstitutionRules.PharmacyPointsMax} (got {confirmation.Points}) and a reason is required.");
        }

        return Answer(await grains.GetGrain<IFlagReviewGrain>(flagId).ConfirmAsync(confirmation.Points, confirmation.Reason));
    }

    private static async Task<Results<Ok<FlagView>, ProblemHttpResult>> DismissAsync(string flagId, HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (IdProblem(flagId) is { } invalid)
        {
            return invalid;
        }

        var (dismissal, bad) = await AdminApi.ReadBodyAsync<FlagDismissal>(request, cancellationToken);
        if (dismissal is null)
        {
            return bad!;
        }

        if (string.IsNullOrWhiteSpace(dismissal.Reason))
        {
            return AdminApi.BadRequest("Invalid dismissal", "a reason is required.");
        }

        return Answer(await grains.GetGrain<IFlagReviewGrain>(flagId).DismissAsync(dismissal.Reason));
    }

    private static Results<Ok<FlagView>, ProblemHttpResult> Answer(FlagReviewResult result) => result.Outcome switch
    {
        FlagReviewOutcome.Resolved => TypedResults.Ok(result.Flag!),
        FlagReviewOutcome.NotFound => AdminApi.NotFound(result.Error!),
        _ => TypedResults.Problem(title: "Flag already resolved", detail: result.Error, statusCode: StatusCodes.Status409Conflict),
    };

    /// <summary>400 unless the path's id has the shape of a flag id (ASCII letters, digits and '-', at most 100).</summary>
    private static ProblemHttpResult? IdProblem(string flagId) =>
        ControlFlag.IsWellFormedId(flagId)
            ? null
            : AdminApi.BadRequest("Invalid flag id", $"The path's flag id '{ClientText.Echo(flagId)}' must be 1 to {ControlFlag.FlagIdLengthMax} ASCII letters, digits or '-'.");

    /// <summary>The query, or what is wrong with it: unknown or repeated parameters, and each value checked.</summary>
    internal static (FlagQuery? Query, string? Problem) ParseQuery(IQueryCollection parameters)
    {
        foreach (var (key, values) in parameters)
        {
            if (!QueryKeys.Contains(key, StringComparer.Ordinal))
            {
                return (null, $"unknown query parameter '{ClientText.Echo(key)}'; known: {string.Join(", ", QueryKeys)}.");
            }

            if (values.Count != 1)
            {
                return (null, $"query parameter '{key}' is given {values.Count} times; give it once.");
            }
        }

        var query = new FlagQuery();
        if (parameters.TryGetValue("status", out var status))
        {
            if (!Enum.TryParse<FlagStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(status, out _))
            {
                return (null, $"status '{ClientText.Echo(status)}' must be open, confirmed or dismissed.");
            }

            query = query with { Status = parsed };
        }

        if (parameters.TryGetValue("rule", out var rule))
        {
            if (!Enum.TryParse<ControlRule>(rule, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(rule, out _))
            {
                return (null, $"rule '{ClientText.Echo(rule)}' must be one of {string.Join(", ", Enum.GetNames<ControlRule>())}.");
            }

            query = query with { Rule = parsed };
        }

        if (parameters.TryGetValue("institution", out var institution))
        {
            if (PlatformIds.FixmedinsCodeProblem(institution!) is { } problem)
            {
                return (null, $"institution {problem}.");
            }

            query = query with { InstitutionCode = institution! };
        }

        if (parameters.TryGetValue("person", out var person))
        {
            if (PlatformIds.PsnNoProblem(person!) is { } problem)
            {
                return (null, $"person {problem}.");
            }

            query = query with { PersonId = person! };
        }

        if (parameters.TryGetValue("after", out var after))
        {
            if (!long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            {
                return (null, $"after '{ClientText.Echo(after)}' must be a journal sequence (a whole number ≥ 0).");
            }

            query = query with { AfterSequence = sequence };
        }

        if (parameters.TryGetValue("limit", out var limit))
        {
            if (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count is < 1 or > FlagQuery.LimitMax)
            {
                return (null, $"limit '{ClientText.Echo(limit)}' must be 1–{FlagQuery.LimitMax}.");
            }

            query = query with { Limit = count };
        }

        return (query, null);
    }
}
