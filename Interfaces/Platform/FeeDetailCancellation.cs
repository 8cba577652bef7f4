namespace Medisettle.Interfaces.Platform;

/// <summary>2205/2302 data: the line to withdraw (<c>feedetl_sn</c> "0000" withdraws all of the visit's lines).</summary>
public sealed record FeeDetailCancellation
{
    public required string FeedetlSn { get; init; }

    public required string MdtrtId { get; init; }

    public required string PsnNo { get; init; }
}
