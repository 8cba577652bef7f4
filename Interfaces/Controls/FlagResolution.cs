namespace Medisettle.Interfaces.Controls;

/// <summary>
/// A review's decision (journal entry <c>flagres:{FlagId}</c>, stream <c>flagres:{InstitutionCode}</c>), committed once;
/// a later confirm or dismiss of the same flag answers this one.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record FlagResolution
{
    [Id(0)] public required string FlagId { get; init; }

    [Id(1)] public required string InstitutionCode { get; init; }

    [Id(2)] public required FlagDecision Decision { get; init; }

    /// <summary>Points deducted from the institution (0 when dismissed).</summary>
    [Id(3)] public required int Points { get; init; }

    [Id(4)] public required string Reason { get; init; }

    [Id(5)] public required DateTimeOffset ResolvedAt { get; init; }
}
