using Medisettle.Interfaces.Administration;

namespace Medisettle.Grains.PolicyPacks;

/// <summary>
/// One per silo, keyed by the silo's address and placed on it (<see cref="Placement.SiloTargetedPlacementAttribute"/>):
/// how the policy registry reaches each silo's <see cref="PolicyCatalogProvider"/>.
/// </summary>
public interface ISiloPolicyCatalogGrain : IGrainWithStringKey
{
    /// <summary>
    /// At silo start: puts the cluster's activated set in force here, then polls the registry every
    /// <see cref="SettlementOptions.PolicyRefreshInterval"/> in case a push did not arrive.
    /// </summary>
    Task StartAsync();

    /// <summary>Puts the set in force on this silo if it is newer; returns the version in force afterwards.</summary>
    Task<long> ApplyAsync(ActivatedPolicyPacks activated);
}
