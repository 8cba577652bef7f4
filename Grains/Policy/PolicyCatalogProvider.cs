using System.Collections.Concurrent;

namespace Medisettle.Grains.Policy;

/// <summary>
/// The silo's current policy catalog and the engine built on it, swappable at run time. Packs are first
/// <see cref="Stage">staged</see> (parsed and validated on their own), then <see cref="Activate">activated</see>:
/// a new <see cref="PolicyPackCatalog"/> (which refuses overlapping packs) replaces the current one atomically,
/// so the next settlement uses it and a settlement in progress finishes on the engine it started with.
/// </summary>
/// <remarks>
/// With <see cref="SettlementOptions.ActivatedPacksDirectory"/> set, an activated pack is first written there
/// (atomically) and only then put in force, and <see cref="Load"/> reads that directory after the shipped packs, so
/// an activation survives a restart. Without it, activations last until the silo stops.
/// </remarks>
public sealed class PolicyCatalogProvider
{
    /// <summary>Most packs waiting to be activated.</summary>
    public const int StagedPacksMax = 100;

    private readonly ConcurrentDictionary<string, (PolicyPack Pack, string Json)> _staged = new(StringComparer.Ordinal);
    private readonly string? _activatedDirectory;
    private readonly Lock _swap = new();
    private volatile SettlementEngine _engine;
    private volatile PolicyPackCatalog _catalog;

    public PolicyCatalogProvider(PolicyPackCatalog initial, string? activatedDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(initial);
        _catalog = initial;
        _engine = new SettlementEngine(initial);
        _activatedDirectory = activatedDirectory;
    }

    /// <summary>
    /// The shipped packs (<see cref="SettlementOptions.PacksDirectory"/>), then the packs activated earlier
    /// (<see cref="SettlementOptions.ActivatedPacksDirectory"/>), each replacing a shipped pack of the same id.
    /// </summary>
    /// <exception cref="PolicyPackException">A pack file is invalid or packs overlap (the message names the file).</exception>
    public static PolicyCatalogProvider Load(SettlementOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var shipped = PolicyPackLoader.LoadDirectory(options.PacksDirectory);
        var directory = options.ActivatedPacksDirectory;
        if (directory is null || !Directory.Exists(directory))
        {
            return new PolicyCatalogProvider(shipped, directory);
        }

        var activated = Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal).Select(PolicyPackLoader.LoadFile).ToList();
        var ids = activated.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var packs = shipped.Packs.Where(p => !ids.Contains(p.Id)).Concat(activated);
        return new PolicyCatalogProvider(new PolicyPackCatalog(packs, shipped.OffsitePairs), directory);
    }

    /// <summary>The catalog in force.</summary>
    public PolicyPackCatalog Catalog => _catalog;

    /// <summary>The engine on the catalog in force.</summary>
    public SettlementEngine Engine => _engine;

    /// <summary>Packs loaded but not active, by id.</summary>
    public IReadOnlyCollection<PolicyPack> Staged => [.. _staged.Values.Select(s => s.Pack).OrderBy(p => p.Id, StringComparer.Ordinal)];

    /// <summary>Parses and validates a pack (<see cref="PolicyPackLoader.Parse"/>) and keeps it for activation.</summary>
    /// <exception cref="PolicyPackException">The pack is invalid (the message names file, field and value).</exception>
    /// <exception cref="InvalidOperationException">More than <see cref="StagedPacksMax"/> packs are staged.</exception>
    public PolicyPack Stage(string json, string sourceName)
    {
        var pack = PolicyPackLoader.Parse(json, sourceName);
        if (!_staged.ContainsKey(pack.Id) && _staged.Count >= StagedPacksMax)
        {
            throw new InvalidOperationException($"{StagedPacksMax} packs are already staged (StagedPacksMax); activate or restart first.");
        }

        _staged[pack.Id] = (pack, json);
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
        lock (_swap)
        {
            if (!_staged.TryGetValue(packId, out var entry))
            {
                return false;
            }

            var packs = _catalog.Packs.Where(p => p.Id != packId).Append(entry.Pack);
            var next = new PolicyPackCatalog(packs, _catalog.OffsitePairs);
            Persist(entry.Pack.Id, entry.Json);
            _engine = new SettlementEngine(next);
            _catalog = next;
            _staged.TryRemove(packId, out _);
            return true;
        }
    }

    /// <summary>Writes the pack to the activated-packs directory (temp file, then rename) before it takes effect.</summary>
    private void Persist(string packId, string json)
    {
        if (_activatedDirectory is null)
        {
            return;
        }

        Directory.CreateDirectory(_activatedDirectory);
        var fileName = string.Concat(packId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')) + ".json";
        var path = Path.Combine(_activatedDirectory, fileName);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, json);
        File.Move(temporary, path, overwrite: true);
    }
}
