using System.Collections.Concurrent;

namespace Medisettle.Grains.Policy;

/// <summary>
/// The silo's current policy catalog and the engine built on it, swappable at run time. Packs are first
/// <see cref="Stage">staged</see> (parsed and validated on their own), then <see cref="Activate">activated</see>:
/// a new <see cref="PolicyPackCatalog"/> (which refuses overlapping packs) replaces the current one atomically,
/// so the next settlement uses it and a settlement in progress finishes on the engine it started with.
/// </summary>
/// <remarks>Activated packs live in memory: a restarted silo loads <see cref="SettlementOptions.PacksDirectory"/> again.</remarks>
public sealed class PolicyCatalogProvider
{
    /// <summary>Most packs waiting to be activated.</summary>
    public const int StagedPacksMax = 100;

    private readonly ConcurrentDictionary<string, PolicyPack> staged = new(StringComparer.Ordinal);
    private readonly Lock swap = new();
    private volatile SettlementEngine engine;
    private volatile PolicyPackCatalog catalog;

    public PolicyCatalogProvider(PolicyPackCatalog initial)
    {
        ArgumentNullException.ThrowIfNull(initial);
        catalog = initial;
        engine = new SettlementEngine(initial);
    }

    /// <summary>The catalog in force.</summary>
    public PolicyPackCatalog Catalog => catalog;

    /// <summary>The engine on the catalog in force.</summary>
    public SettlementEngine Engine => engine;

    /// <summary>Packs loaded but not active, by id.</summary>
    public IReadOnlyCollection<PolicyPack> Staged => [.. staged.Values.OrderBy(p => p.Id, StringComparer.Ordinal)];

    /// <summary>Parses and validates a pack (<see cref="PolicyPackLoader.Parse"/>) and keeps it for activation.</summary>
    /// <exception cref="PolicyPackException">The pack is invalid (the message names file, field and value).</exception>
    /// <exception cref="InvalidOperationException">More than <see cref="StagedPacksMax"/> packs are staged.</exception>
    public PolicyPack Stage(string json, string sourceName)
    {
        var pack = PolicyPackLoader.Parse(json, sourceName);
        if (!staged.ContainsKey(pack.Id) && staged.Count >= StagedPacksMax)
        {
            throw new InvalidOperationException($"{StagedPacksMax} packs are already staged (StagedPacksMax); activate or restart first.");
        }

        staged[pack.Id] = pack;
        return pack;
    }

    /// <summary>
    /// Activates a staged pack: the new catalog is the current one with the pack added (or replacing the pack
    /// with the same id). Returns false when no pack with that id is staged.
    /// </summary>
    /// <exception cref="PolicyPackException">The pack overlaps a pack in force for the same region, scheme, section and dates.</exception>
    public bool Activate(string packId)
    {
        ArgumentNullException.ThrowIfNull(packId);
        lock (swap)
        {
            if (!staged.TryGetValue(packId, out var pack))
            {
                return false;
            }

            var packs = catalog.Packs.Where(p => p.Id != packId).Append(pack);
            var next = new PolicyPackCatalog(packs, catalog.OffsitePairs);
            engine = new SettlementEngine(next);
            catalog = next;
            staged.TryRemove(packId, out _);
            return true;
        }
    }
}
