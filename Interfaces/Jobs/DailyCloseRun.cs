using Medisettle.Interfaces.Ledger;

namespace Medisettle.Interfaces.Jobs;

/// <summary>
/// A completed daily close (日结) of one day over every institution known to the job: journal entry
/// <c>job:daily-close:{yyyy-MM-dd}</c> (the period key), written once. The sums are over the institutions' frozen days.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record DailyCloseRun
{
    /// <summary>The period key, <c>daily-close:{yyyy-MM-dd}</c>.</summary>
    [Id(0)] public required string Period { get; init; }

    [Id(1)] public required DateOnly Date { get; init; }

    /// <summary>The institutions whose day was closed, in code order (each has its <see cref="DailyClose"/> entry).</summary>
    [Id(2)] public required IReadOnlyList<string> Institutions { get; init; }

    /// <summary>The sum of the frozen days (the <see cref="DailyTotal.Date"/> is <see cref="Date"/>).</summary>
    [Id(3)] public required DailyTotal Totals { get; init; }

    [Id(4)] public required DateTimeOffset CompletedAt { get; init; }
}
