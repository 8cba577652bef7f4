namespace Medisettle.Interfaces.Platform;

/// <summary>3202 detail: one settlement as the institution recorded it.</summary>
public sealed record ReconciliationDetailLine
{
    public required string SetlId { get; init; }

    public required string MdtrtId { get; init; }

    public required string PsnNo { get; init; }

    public required decimal MedfeeSumamt { get; init; }

    public required decimal FundPaySumamt { get; init; }

    public required decimal AcctPay { get; init; }

    public required string RefdSetlFlag { get; init; }
}
