using System.Text;
using Medisettle.Interfaces.Administration;
using Medisettle.Interfaces.Grains;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Medisettle.Gateway.Admin;

/// <summary><c>/admin/v1/policy-packs</c>: list, load (validate and stage) and activate policy packs.</summary>
internal static class PolicyAdminEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/policy-packs", async (IGrainFactory grains) => TypedResults.Ok(await Registry(grains).ListAsync()))
            .WithName("ListPolicyPacks").WithSummary("Packs in force (active) and loaded packs waiting for activation.");
        group.MapPost("/policy-packs", LoadAsync).WithName("LoadPolicyPack")
            .WithSummary("Loads a pack (the JSON document as the body): validated, then kept for activation. 400 names file, field and value.")
            .WithMetadata(new AdminBodyMetadata(typeof(string)));
        group.MapPost("/policy-packs/{id}/activate", ActivateAsync).WithName("ActivatePolicyPack")
            .WithSummary("Puts a loaded pack in force on every silo for the next settlement (replacing the pack with the same id); refuses overlaps.");
    }

    private static async Task<Results<Created<PolicyPackInfo>, ProblemHttpResult>> LoadAsync(HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var (body, refused) = await AdminApi.ReadBytesAsync(request, AdminApi.PolicyPackBytesMax, nameof(AdminApi.PolicyPackBytesMax), cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var name = request.Query["name"].FirstOrDefault() is { Length: > 0 and <= 100 } given ? given : "admin-upload.json";
        var change = await Registry(grains).LoadAsync(Encoding.UTF8.GetString(body.Span), name);
        return change.Pack is { } pack
            ? TypedResults.Created($"/admin/v1/policy-packs/{pack.Id}", pack)
            : AdminApi.BadRequest("Invalid policy pack", change.Error!, Extensions(change));
    }

    private static async Task<Results<Ok<PolicyPackInfo>, ProblemHttpResult>> ActivateAsync(string id, IGrainFactory grains)
    {
        var change = await Registry(grains).ActivateAsync(id);
        if (change.Pack is { } pack)
        {
            return TypedResults.Ok(pack);
        }

        return change.NotFound ? AdminApi.NotFound(change.Error!) : AdminApi.BadRequest("Policy pack refused", change.Error!, Extensions(change));
    }

    private static IPolicyRegistryGrain Registry(IGrainFactory grains) => grains.GetGrain<IPolicyRegistryGrain>(IPolicyRegistryGrain.Key);

    private static Dictionary<string, object?> Extensions(PolicyPackChange change) => new()
    {
        ["field"] = change.Field,
        ["value"] = change.Value,
    };
}
