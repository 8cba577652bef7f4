using Medisettle.Grains.Policy;
using Medisettle.Interfaces.Administration;

namespace Medisettle.Grains.PolicyPacks;

/// <summary>How packs and pack errors are shown to the admin API.</summary>
internal static class PolicyPackInfos
{
    public static PolicyPackInfo From(PolicyPack pack, bool active) => new()
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

    public static PolicyPackChange Refused(PolicyPackException e) => new() { Error = e.Message, Field = e.FieldPath, Value = e.Value };

    private static string[] Sections(PolicyPack pack) =>
    [
        .. pack.Basic is null ? Array.Empty<string>() : ["basic"],
        .. pack.LargeAmount is null ? Array.Empty<string>() : ["largeAmount"],
        .. pack.CriticalIllness is null ? Array.Empty<string>() : ["criticalIllness"],
        .. pack.SpecialDiseases is null ? Array.Empty<string>() : ["specialDiseases"],
        .. pack.Assistance is null ? Array.Empty<string>() : ["assistance"],
        .. pack.PersonalAccount is null ? Array.Empty<string>() : ["personalAccount"],
        .. pack.Controls is null ? Array.Empty<string>() : ["controls"],
    ];
}
