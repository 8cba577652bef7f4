namespace Medisettle.Interfaces.Platform;

/// <summary>2201/2401 output: the visit (就诊) the platform opened.</summary>
public sealed record VisitRegistration
{
    public required string MdtrtId { get; init; }

    public required string PsnNo { get; init; }

    public required string IptOtpNo { get; init; }
}
