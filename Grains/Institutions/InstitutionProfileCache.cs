using System.Collections.Concurrent;
using Medisettle.Interfaces.Settlement;

namespace Medisettle.Grains.Institutions;

/// <summary>
/// This silo's copy of institution profiles, so a swipe does not call the institution grain (which may live on another
/// silo, or on one that is failing). An institution pushes every profile change to every silo before the change
/// answers (<see cref="ISiloInstitutionCacheGrain"/>), so a suspension applies to the next swipe on any silo; an entry
/// is also dropped after <see cref="SettlementOptions.InstitutionCacheDuration"/>, which bounds how long a silo that
/// missed a push can be stale. A newer version always wins, whatever order pushes and reads arrive in.
/// </summary>
public sealed class InstitutionProfileCache(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The cached profile of <paramref name="code"/> when it is younger than <paramref name="maxAge"/>.</summary>
    public bool TryGet(string code, TimeSpan maxAge, out VersionedInstitutionProfile profile)
    {
        if (_entries.TryGetValue(code, out var entry) && time.GetUtcNow() - entry.StoredAt < maxAge)
        {
            profile = entry.Profile;
            return true;
        }

        profile = null!;
        return false;
    }

    /// <summary>Keeps <paramref name="profile"/> unless a newer version is already here.</summary>
    public void Set(string code, VersionedInstitutionProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var fresh = new Entry(profile, time.GetUtcNow());
        _entries.AddOrUpdate(code, fresh, (_, held) => held.Profile.Version > profile.Version ? held : fresh);
    }

    private sealed record Entry(VersionedInstitutionProfile Profile, DateTimeOffset StoredAt);
}
