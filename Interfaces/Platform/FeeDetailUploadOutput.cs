namespace Medisettle.Interfaces.Platform;

/// <summary>2204/2301 output: the platform's classification of each line.</summary>
public sealed record FeeDetailUploadOutput
{
    public required IReadOnlyList<FeeDetailResult> Result { get; init; }
}
