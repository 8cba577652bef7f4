namespace Medisettle.Interfaces.Platform;

/// <summary>3201 对总账 input.</summary>
public sealed record DailyReconciliationInput
{
    public required DailyReconciliation Data { get; init; }
}
