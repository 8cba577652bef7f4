namespace Medisettle.Interfaces.Jobs;

/// <summary>
/// A completed monthly payout (拨付): journal entry <c>job:monthly-payout:{yyyy-MM}</c> (the period key), written once in
/// the same transaction as its payment and deduction postings. It covers every fund posting (settlement or reversal)
/// with a journal sequence up to <see cref="ThroughSequence"/>, dated on or before the month's last day, that no
/// earlier run covered.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record MonthlyPayoutRun
{
    /// <summary>The period key, <c>monthly-payout:{yyyy-MM}</c>.</summary>
    [Id(0)] public required string Period { get; init; }

    [Id(1)] public required BusinessMonth Month { get; init; }

    /// <summary>The journal position through which fund postings were read.</summary>
    [Id(2)] public required long ThroughSequence { get; init; }

    /// <summary>One line per fund and institution with something owed or deducted, in fund then institution order.</summary>
    [Id(3)] public required IReadOnlyList<MonthlyPayoutLine> Lines { get; init; }

    /// <summary>The ids of the audit deductions of the month this run applied.</summary>
    [Id(4)] public required IReadOnlyList<string> DeductionIds { get; init; }

    [Id(5)] public required Money Owed { get; init; }

    [Id(6)] public required Money Deducted { get; init; }

    [Id(7)] public required Money Paid { get; init; }

    [Id(8)] public required DateTimeOffset CompletedAt { get; init; }
}
