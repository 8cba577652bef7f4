namespace Medisettle.Interfaces.Platform;

/// <summary>1101 query: the credential presented at the counter.</summary>
public sealed record PersonInfoQuery
{
    public required string MdtrtCertType { get; init; }

    public required string MdtrtCertNo { get; init; }

    public string? CardSn { get; init; }

    public string? Begntime { get; init; }

    public string? PsnCertType { get; init; }

    public string? Certno { get; init; }

    public string? PsnName { get; init; }
}
