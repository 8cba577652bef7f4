using System.Collections.Concurrent;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Settlement;
using Medisettle.Runtime;

namespace Medisettle.Grains.Institutions;

/// <summary>
/// The silo's cache of institution profiles for the settlement hot path (a person grain must not call the
/// institution grain on every swipe). The institution grain refreshes its entry on every change, so a
/// suspension takes effect for the next swipe. Bounded: past <see cref="EntriesMax"/> the cache is cleared.
/// </summary>
/// <remarks>Single-silo consistency: in a multi-silo cluster the entry must also be invalidated remotely.</remarks>
public sealed class InstitutionDirectory(IGrainFactory grains)
{
    /// <summary>Most profiles kept in memory.</summary>
    public const int EntriesMax = 100_000;

    private readonly ConcurrentDictionary<string, InstitutionProfile> profiles = new(StringComparer.Ordinal);

    /// <summary>The institution's current profile, or null when it is not registered.</summary>
    public async ValueTask<InstitutionProfile?> FindAsync(string code)
    {
        if (profiles.TryGetValue(code, out var cached))
        {
            return cached;
        }

        var snapshot = await grains.GetGrain<IInstitutionGrain>(code).GetSnapshotAsync();
        if (snapshot is null)
        {
            return null;
        }

        Put(snapshot.Profile);
        return snapshot.Profile;
    }

    /// <summary>Called by the institution grain whenever its profile changes.</summary>
    public void Put(InstitutionProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (profiles.Count >= EntriesMax)
        {
            profiles.Clear();
        }

        profiles[profile.Code] = profile;
    }
}
