using Orleans.Concurrency;
using Medisettle.Interfaces.Administration;

namespace Medisettle.Interfaces.Grains;

/// <summary>
/// The cluster's policy packs (政策包) beyond those shipped with the binaries: packs loaded (validated and staged)
/// and activated through the admin API, kept in the database, and pushed to every silo on activation. One per
/// cluster, key <see cref="Key"/>.
/// </summary>
public interface IPolicyRegistryGrain : IGrainWithStringKey
{
    /// <summary>Key of the one registry.</summary>
    const string Key = "cluster";

    /// <summary>Packs in force (shipped and activated) and packs loaded but not yet active.</summary>
    Task<IReadOnlyList<PolicyPackInfo>> ListAsync();

    /// <summary>Parses and validates a pack and keeps it for activation; an invalid pack is refused with the field and value named.</summary>
    Task<PolicyPackChange> LoadAsync(string json, string sourceName);

    /// <summary>
    /// Puts a loaded pack in force in the whole cluster (replacing the pack with the same id): stored first, then
    /// pushed to every active silo; answers once they have switched. Refuses overlaps and changes nothing then.
    /// </summary>
    Task<PolicyPackChange> ActivateAsync(string packId);

    /// <summary>The activated set in force; silos read it at start and poll it as a fallback to the push.</summary>
    [AlwaysInterleave]
    Task<ActivatedPolicyPacks> GetActivatedAsync();
}
