namespace Medisettle.Interfaces.Jobs;

/// <summary>A completed 二次补偿 of a year: journal entry <c>job:secondary-compensation:{yyyy}</c> (the period key), once, with its postings.</summary>
[GenerateSerializer]
[Immutable]
public sealed record CompensationRun
{
    /// <summary>The period key, <c>secondary-compensation:{yyyy}</c>.</summary>
    [Id(0)] public required string Period { get; init; }

    [Id(1)] public required int Year { get; init; }

    [Id(2)] public required long ThroughSequence { get; init; }

    [Id(3)] public required IReadOnlyList<CompensationFund> Funds { get; init; }

    /// <summary>One line per person with an entitlement, in fund then person order.</summary>
    [Id(4)] public required IReadOnlyList<CompensationLine> Persons { get; init; }

    [Id(5)] public required DateTimeOffset CompletedAt { get; init; }
}
