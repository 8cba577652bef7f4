namespace Medisettle.Interfaces.Administration;

/// <summary>A policy pack as the cluster stores it: the JSON document as it was loaded, with its id and file name.</summary>
[GenerateSerializer]
[Immutable]
public sealed record StoredPolicyPack(
    [property: Id(0)] string Id,
    [property: Id(1)] string SourceName,
    [property: Id(2)] string Json);
