namespace Medisettle.Interfaces.Administration;

/// <summary>A policy pack as the admin API lists it.</summary>
public sealed record PolicyPackInfo
{
    public required string Id { get; init; }
    public required string Region { get; init; }
    public required IReadOnlyList<string> Schemes { get; init; }
    public required DateOnly EffectiveFrom { get; init; }
    public DateOnly? EffectiveTo { get; init; }
    public required string Source { get; init; }
    public required string SourceFile { get; init; }
    /// <summary>Sections the pack gives (basic, largeAmount, criticalIllness, ...).</summary>
    public required IReadOnlyList<string> Sections { get; init; }
    /// <summary>True when in force; false when loaded and waiting for activation.</summary>
    public required bool Active { get; init; }
}
