namespace Medisettle.Grains.Policy;

/// <summary>长处方 limit for chronic conditions (高血压, 糖尿病, 精神病).</summary>
public sealed record PrescriptionSection
{
    public required int MaxSupplyDays { get; init; }

    /// <summary>Visit disease codes the limit applies to.</summary>
    public required IReadOnlyList<string> ChronicDiseaseCodes { get; init; }
}
