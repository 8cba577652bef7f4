namespace Medisettle.Interfaces.Administration;

/// <summary>
/// The packs activated in the cluster beyond the shipped ones, at one version. Each activation adds one to
/// <see cref="Version"/>; a silo puts a set in force only when it is newer than the one it has.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record ActivatedPolicyPacks(
    [property: Id(0)] long Version,
    [property: Id(1)] IReadOnlyList<StoredPolicyPack> Packs);
