namespace Medisettle.Grains.Policy;

/// <summary>异地就医 enabled pair: cards of <see cref="InsuredRegion"/> settle in <see cref="TreatmentRegion"/> from a date.</summary>
public sealed record OffsitePair
{
    public required string InsuredRegion { get; init; }

    public required string TreatmentRegion { get; init; }

    public required DateOnly EnabledFrom { get; init; }
}
