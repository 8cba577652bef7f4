namespace Medisettle.Interfaces.Platform;

/// <summary>3201 data: the institution's totals for a period.</summary>
public sealed record DailyReconciliation
{
    public required string Insutype { get; init; }

    public required string ClrType { get; init; }

    public string? SetlOptins { get; init; }

    public required string StmtBegndate { get; init; }

    public required string StmtEnddate { get; init; }

    public required decimal MedfeeSumamt { get; init; }

    public required decimal FundPaySumamt { get; init; }

    public required decimal AcctPay { get; init; }

    public required int FixmedinsSetlCnt { get; init; }
}
