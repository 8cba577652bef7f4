namespace Medisettle.Interfaces.Platform;

/// <summary>2202 data: the visit to cancel.</summary>
public sealed record VisitCancellation
{
    public required string PsnNo { get; init; }

    public required string MdtrtId { get; init; }

    public required string IptOtpNo { get; init; }
}
