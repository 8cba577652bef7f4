namespace Medisettle.Interfaces.Platform;

/// <summary>1101 baseinfo: 人员基本信息.</summary>
public sealed record PersonBaseInfo
{
    public required string PsnNo { get; init; }

    public required string PsnCertType { get; init; }

    public required string Certno { get; init; }

    public required string PsnName { get; init; }

    public required string Gend { get; init; }

    public string? Naty { get; init; }

    public required string Brdy { get; init; }

    public required decimal Age { get; init; }
}
