namespace Medisettle.Interfaces.Platform;

/// <summary>1101 idetinfo: 身份信息 (e.g. 低保, 特困) with its validity.</summary>
public sealed record PersonIdentityInfo
{
    public required string PsnIdetType { get; init; }

    public string? PsnTypeLv { get; init; }

    public string? Memo { get; init; }

    public required string Begntime { get; init; }

    public string? Endtime { get; init; }
}
