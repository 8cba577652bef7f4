namespace Medisettle.Interfaces.Jobs;

/// <summary>The answer to entering an audit deduction: the outcome and the deduction as recorded (the first one on a conflict).</summary>
[GenerateSerializer]
[Immutable]
public sealed record AuditDeductionResult
{
    [Id(0)] public required AuditDeductionOutcome Outcome { get; init; }

    [Id(1)] public required AuditDeduction Deduction { get; init; }
}
