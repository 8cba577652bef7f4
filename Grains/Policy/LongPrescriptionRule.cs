using Medisettle.Interfaces.Controls;

namespace Medisettle.Grains.Policy;

/// <summary>长处方 limit for chronic conditions (高血压, 糖尿病, 精神病): a line with more supply days is a hit.</summary>
public sealed record LongPrescriptionRule
{
    public required int MaxSupplyDays { get; init; }

    /// <summary>Visit disease codes the limit applies to.</summary>
    public required IReadOnlyList<string> ChronicDiseaseCodes { get; init; }

    public required ControlAction Action { get; init; }
}
