namespace Medisettle.Grains.Policy;

/// <summary>The <c>offsite-pairs.json</c> file: enabled directions only (the reverse is separate).</summary>
public sealed record OffsitePairTable
{
    public required string Source { get; init; }

    public required IReadOnlyList<OffsitePair> Pairs { get; init; }
}
