namespace Medisettle.Interfaces.Platform;

/// <summary>3201 output.</summary>
public sealed record DailyReconciliationOutput
{
    public required ReconciliationResult Stmtinfo { get; init; }
}
