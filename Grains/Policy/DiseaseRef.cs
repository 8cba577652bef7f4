namespace Medisettle.Grains.Policy;

/// <summary>A disease a pack names (code used on visits and certificates, display name).</summary>
public sealed record DiseaseRef
{
    public required string Code { get; init; }

    public required string Name { get; init; }
}
