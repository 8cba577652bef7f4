using Medisettle.Grains.Placement;
using Medisettle.Interfaces.Settlement;

namespace Medisettle.Grains.Institutions;

/// <summary>The silo-local end of an institution profile change.</summary>
[SiloTargetedPlacement]
public sealed class SiloInstitutionCacheGrain(InstitutionProfileCache cache) : Grain, ISiloInstitutionCacheGrain
{
    public Task UpdateAsync(string institutionCode, VersionedInstitutionProfile profile)
    {
        cache.Set(institutionCode, profile);
        return Task.CompletedTask;
    }
}
