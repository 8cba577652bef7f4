namespace Medisettle.Interfaces.Settlement;

/// <summary>An institution's committed profile (null when not registered) and the version of that profile.</summary>
[GenerateSerializer]
[Immutable]
public sealed record VersionedInstitutionProfile(
    [property: Id(0)] InstitutionProfile? Profile,
    [property: Id(1)] long Version);
