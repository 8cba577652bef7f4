namespace Medisettle.Interfaces.Jobs;

/// <summary>
/// A completed year-end risk reserve: journal entry <c>job:risk-reserve:{yyyy}</c> (the period key), written once with its
/// postings. It covers the income and fund postings through <see cref="ThroughSequence"/>.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record RiskReserveRun
{
    /// <summary>The period key, <c>risk-reserve:{yyyy}</c>.</summary>
    [Id(0)] public required string Period { get; init; }

    [Id(1)] public required int Year { get; init; }

    [Id(2)] public required long ThroughSequence { get; init; }

    /// <summary>One line per pooled fund with income in the year whose pack has the rule, in fund order.</summary>
    [Id(3)] public required IReadOnlyList<RiskReserveLine> Lines { get; init; }

    [Id(4)] public required DateTimeOffset CompletedAt { get; init; }
}
