namespace Medisettle.Interfaces.Ledger;

/// <summary>
/// One institution's day as the daily close (日结) froze it: the 3201 totals of its receivable postings applied through
/// <see cref="ThroughSequence"/>, booked on <see cref="Totals"/>' date. Journal entry <c>close:{code}:{yyyy-MM-dd}</c>,
/// written once with the institution's state; a posting for the day applied after it is booked to the next open day.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record DailyClose
{
    [Id(0)] public required string InstitutionCode { get; init; }

    /// <summary>The frozen totals of the day (all zero when the institution had nothing booked on it).</summary>
    [Id(1)] public required DailyTotal Totals { get; init; }

    /// <summary>The journal sequence of the last receivable posting the institution had applied when it closed the day.</summary>
    [Id(2)] public required long ThroughSequence { get; init; }

    [Id(3)] public required DateTimeOffset ClosedAt { get; init; }
}
