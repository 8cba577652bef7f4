namespace Medisettle.Interfaces.Administration;

/// <summary>A policy pack as the admin API lists it.</summary>
[GenerateSerializer]
[Immutable]
public sealed record PolicyPackInfo
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Region { get; init; }
    [Id(2)] public required IReadOnlyList<string> Schemes { get; init; }
    [Id(3)] public required DateOnly EffectiveFrom { get; init; }
    [Id(4)] public DateOnly? EffectiveTo { get; init; }
    [Id(5)] public required string Source { get; init; }
    [Id(6)] public required string SourceFile { get; init; }
    /// <summary>Sections the pack gives (basic, largeAmount, criticalIllness, ...).</summary>
    [Id(7)] public required IReadOnlyList<string> Sections { get; init; }
    /// <summary>True when in force; false when loaded and waiting for activation.</summary>
    [Id(8)] public required bool Active { get; init; }
}
