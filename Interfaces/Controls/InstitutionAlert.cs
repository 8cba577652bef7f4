namespace Medisettle.Interfaces.Controls;

/// <summary>
/// An alert on an institution (today only <see cref="ControlRule.AgreedDiseaseRatio"/>): raised once per pack and
/// period, the first time the period's tally crosses the rule, with the counts at that moment; kept in the institution's
/// state, committed with the posting that crossed it.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record InstitutionAlert
{
    /// <summary><c>{institution}-{packId}-{period start yyyyMM}</c>.</summary>
    [Id(0)] public required string AlertId { get; init; }

    [Id(1)] public required ControlRule Rule { get; init; }

    [Id(2)] public required string PackId { get; init; }

    [Id(3)] public required DateOnly PeriodStart { get; init; }

    [Id(4)] public required DateOnly PeriodEnd { get; init; }

    [Id(5)] public required int AgreedDiseaseCases { get; init; }

    [Id(6)] public required int FlatRateCases { get; init; }

    [Id(7)] public required decimal RatioMax { get; init; }

    [Id(8)] public required string Evidence { get; init; }

    [Id(9)] public required DateTimeOffset RaisedAt { get; init; }
}
