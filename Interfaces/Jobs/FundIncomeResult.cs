namespace Medisettle.Interfaces.Jobs;

/// <summary>The answer to recording a fund income: the outcome and the income as recorded (the first one on a conflict).</summary>
[GenerateSerializer]
[Immutable]
public sealed record FundIncomeResult
{
    [Id(0)] public required FundIncomeOutcome Outcome { get; init; }

    [Id(1)] public required FundIncome Income { get; init; }
}
