namespace Medisettle.Interfaces.Platform;

/// <summary>3202 对明细账 input: totals plus one line per settlement.</summary>
public sealed record DetailReconciliationInput
{
    public required DetailReconciliation Data { get; init; }

    public required IReadOnlyList<ReconciliationDetailLine> Detail { get; init; }
}
