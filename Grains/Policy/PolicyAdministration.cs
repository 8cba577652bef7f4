using Medisettle.Interfaces.Administration;

namespace Medisettle.Grains.Policy;

/// <summary><see cref="IPolicyAdministration"/> over the silo's <see cref="PolicyCatalogProvider"/>.</summary>
public sealed class PolicyAdministration(PolicyCatalogProvider provider) : IPolicyAdministration
{
    public IReadOnlyList<PolicyPackInfo> List() =>
        [.. provider.Catalog.Packs.Select(p => Info(p, active: true)), .. provider.Staged.Select(p => Info(p, active: false))];

    public PolicyPackChange Load(string json, string sourceName)
    {
        try
        {
            return new PolicyPackChange { Pack = Info(provider.Stage(json, sourceName), active: false) };
        }
        catch (PolicyPackException e)
        {
            return new PolicyPackChange { Error = e.Message, Field = e.FieldPath, Value = e.Value };
        }
        catch (InvalidOperationException e)
        {
            return new PolicyPackChange { Error = e.Message };
        }
    }

    public PolicyPackChange Activate(string packId)
    {
        try
        {
            return provider.Activate(packId)
                ? new PolicyPackChange { Pack = Info(provider.Catalog.FindById(packId)!, active: true) }
                : new PolicyPackChange { NotFound = true, Error = $"No loaded pack has id '{packId}'; POST it first." };
        }
        catch (PolicyPackException e)
        {
            return new PolicyPackChange { Error = e.Message, Field = e.FieldPath, Value = e.Value };
        }
    }

    private static PolicyPackInfo Info(PolicyPack pack, bool active) => new()
    {
        Id = pack.Id,
        Region = pack.Region,
        Schemes = [.. pack.Schemes.Select(s => s.ToString())],
        EffectiveFrom = pack.EffectiveFrom,
        EffectiveTo = pack.EffectiveTo,
        Source = pack.Source,
        SourceFile = pack.SourceFile,
        Sections = Sections(pack),
        Active = active,
    };

    private static string[] Sections(PolicyPack pack) =>
    [
        .. pack.Basic is null ? Array.Empty<string>() : ["basic"],
        .. pack.LargeAmount is null ? Array.Empty<string>() : ["largeAmount"],
        .. pack.CriticalIllness is null ? Array.Empty<string>() : ["criticalIllness"],
        .. pack.SpecialDiseases is null ? Array.Empty<string>() : ["specialDiseases"],
        .. pack.Assistance is null ? Array.Empty<string>() : ["assistance"],
        .. pack.PersonalAccount is null ? Array.Empty<string>() : ["personalAccount"],
        .. pack.Prescription is null ? Array.Empty<string>() : ["prescription"],
    ];
}
