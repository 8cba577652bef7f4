namespace Medisettle.Interfaces.Platform;

/// <summary>3202 data: the period and its totals.</summary>
public sealed record DetailReconciliation
{
    public required string ClrType { get; init; }

    public string? SetlOptins { get; init; }

    public required string StmtBegndate { get; init; }

    public required string StmtEnddate { get; init; }

    public required decimal MedfeeSumamt { get; init; }

    public required decimal FundPaySumamt { get; init; }

    public required decimal CashPayamt { get; init; }

    public required int FixmedinsSetlCnt { get; init; }
}
