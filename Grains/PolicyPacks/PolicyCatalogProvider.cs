using Medisettle.Grains.Policy;
using Medisettle.Interfaces.Administration;

namespace Medisettle.Grains.PolicyPacks;

/// <summary>
/// This silo's policy catalog and the engine built on it: the packs shipped with the binaries
/// (<see cref="SettlementOptions.PacksDirectory"/>, loaded and validated at start) plus the cluster's activated packs
/// (<see cref="ActivatedPolicyPacks"/>, kept by the <c>PolicyRegistryGrain</c> in the database and pushed to every
/// silo). A newer set replaces the catalog atomically: the next settlement uses it, a settlement in progress
/// finishes on the engine it started with.
/// </summary>
public sealed class PolicyCatalogProvider
{
    private readonly Lock _swap = new();
    private volatile State _current;

    public PolicyCatalogProvider(PolicyPackCatalog shipped)
    {
        ArgumentNullException.ThrowIfNull(shipped);
        Shipped = shipped;
        _current = new State(ActivatedVersionNone, shipped, new SettlementEngine(shipped));
    }

    /// <summary>The version before any pack was activated in the cluster.</summary>
    public const long ActivatedVersionNone = 0;

    /// <summary>Loads and validates the shipped packs.</summary>
    /// <exception cref="PolicyPackException">A pack file is invalid or packs overlap (the message names the file).</exception>
    public static PolicyCatalogProvider Load(SettlementOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new PolicyCatalogProvider(PolicyPackLoader.LoadDirectory(options.PacksDirectory));
    }

    /// <summary>The packs shipped with the binaries.</summary>
    public PolicyPackCatalog Shipped { get; }

    /// <summary>The catalog in force.</summary>
    public PolicyPackCatalog Catalog => _current.Catalog;

    /// <summary>The engine on the catalog in force.</summary>
    public SettlementEngine Engine => _current.Engine;

    /// <summary>Version of the cluster's activated set in force here (<see cref="ActivatedVersionNone"/> before any).</summary>
    public long ActivatedVersion => _current.Version;

    /// <summary>
    /// The shipped packs with <paramref name="activated"/> added, each replacing a shipped pack of the same id.
    /// </summary>
    /// <exception cref="PolicyPackException">An activated pack is invalid or packs overlap.</exception>
    public static PolicyPackCatalog Compose(PolicyPackCatalog shipped, IEnumerable<StoredPolicyPack> activated)
    {
        ArgumentNullException.ThrowIfNull(shipped);
        ArgumentNullException.ThrowIfNull(activated);
        var packs = activated.Select(p => PolicyPackLoader.Parse(p.Json, p.SourceName)).ToList();
        var ids = packs.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        return new PolicyPackCatalog(shipped.Packs.Where(p => !ids.Contains(p.Id)).Concat(packs), shipped.OffsitePairs);
    }

    /// <summary>
    /// Puts <paramref name="activated"/> in force when it is newer than the set in force; returns whether it did.
    /// An older or equal version changes nothing (pushes and polls may arrive in any order).
    /// </summary>
    /// <exception cref="PolicyPackException">The set does not compose with the shipped packs (nothing changes).</exception>
    public bool Apply(ActivatedPolicyPacks activated)
    {
        ArgumentNullException.ThrowIfNull(activated);
        if (activated.Version <= _current.Version)
        {
            return false;
        }

        var catalog = Compose(Shipped, activated.Packs);
        var engine = new SettlementEngine(catalog);
        lock (_swap)
        {
            if (activated.Version <= _current.Version)
            {
                return false;
            }

            _current = new State(activated.Version, catalog, engine);
            return true;
        }
    }

    private sealed record State(long Version, PolicyPackCatalog Catalog, SettlementEngine Engine);
}
