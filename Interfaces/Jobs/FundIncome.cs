namespace Medisettle.Interfaces.Jobs;

/// <summary>
/// 基金收入 a fund pool's income for a year (premiums and subsidies collected: 统筹基金收入), recorded by an administrator
/// as an income posting <c>post:income:{IncomeId}</c> on the fund, once. The year-end jobs read a year's income from them.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record FundIncome
{
    /// <summary>The client's id (1–64 ASCII letters, digits, '-', '_'): recording it again changes nothing.</summary>
    [Id(0)] public required string IncomeId { get; init; }

    /// <summary>The fund pool (its <c>FundPoolKey</c> string).</summary>
    [Id(1)] public required string Fund { get; init; }

    [Id(2)] public required int Year { get; init; }

    /// <summary>Positive.</summary>
    [Id(3)] public required Money Amount { get; init; }

    [Id(4)] public required string Reason { get; init; }
}
