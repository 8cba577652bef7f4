using Medisettle.Interfaces.Settlement;

namespace Medisettle.Grains.Institutions;

/// <summary>One per silo (keyed by its address, placed on it): how an institution grain reaches every silo's <see cref="InstitutionProfileCache"/>.</summary>
public interface ISiloInstitutionCacheGrain : IGrainWithStringKey
{
    Task UpdateAsync(string institutionCode, VersionedInstitutionProfile profile);
}
