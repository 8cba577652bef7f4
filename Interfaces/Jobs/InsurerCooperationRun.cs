namespace Medisettle.Interfaces.Jobs;

/// <summary>
/// A completed run of the insurer cooperation job: a month (<c>insurer-cooperation:{yyyy-MM}</c>, <see cref="Months"/>
/// lines) or a year's settlement (<c>insurer-cooperation:{yyyy}</c>, <see cref="Years"/> lines). Journal entry
/// <c>job:</c> + the period key, written once with its postings; it covers the fund postings through
/// <see cref="ThroughSequence"/>.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record InsurerCooperationRun
{
    [Id(0)] public required string Period { get; init; }

    [Id(1)] public required int Year { get; init; }

    /// <summary>The month of a monthly run; null for the year-end settlement.</summary>
    [Id(2)] public BusinessMonth? Month { get; init; }

    [Id(3)] public required long ThroughSequence { get; init; }

    /// <summary>One line per fund with an agreement for the year whose pack has the rule, in fund order (monthly runs).</summary>
    [Id(4)] public IReadOnlyList<InsurerMonthLine> Months { get; init; } = [];

    /// <summary>One line per such fund (the year-end settlement).</summary>
    [Id(5)] public IReadOnlyList<InsurerYearLine> Years { get; init; } = [];

    [Id(6)] public required DateTimeOffset CompletedAt { get; init; }
}
