namespace Medisettle.Interfaces.Platform;

/// <summary>2203 mdtrtinfo: visit details.</summary>
public sealed record VisitInfo
{
    public required string MdtrtId { get; init; }

    public required string PsnNo { get; init; }

    public required string MedType { get; init; }

    public required string Begntime { get; init; }

    public string? MainCondDscr { get; init; }

    public string? DiseCodg { get; init; }

    public string? DiseName { get; init; }
}
