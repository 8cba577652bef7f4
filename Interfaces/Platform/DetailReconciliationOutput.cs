namespace Medisettle.Interfaces.Platform;

/// <summary>3202 output.</summary>
public sealed record DetailReconciliationOutput
{
    public required ReconciliationResult Stmtinfo { get; init; }

    public required IReadOnlyList<ReconciliationMismatch> Mismatch { get; init; }
}
