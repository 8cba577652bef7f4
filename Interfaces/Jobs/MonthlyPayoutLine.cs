namespace Medisettle.Interfaces.Jobs;

/// <summary>
/// What one fund pays one institution in a monthly payout (拨付): <see cref="Owed"/> − <see cref="Deducted"/> =
/// <see cref="Paid"/>, exactly. A negative <see cref="Owed"/> (cancels of settlements already paid exceed the new ones)
/// is recovered from the institution: <see cref="Paid"/> is negative and nothing is deducted.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record MonthlyPayoutLine
{
    /// <summary>The paying fund pool (its <c>FundPoolKey</c> string, the personal-account pool included).</summary>
    [Id(0)] public required string Fund { get; init; }

    [Id(1)] public required string InstitutionCode { get; init; }

    /// <summary>The fund's postings for this institution the run covers (settlements minus reversals).</summary>
    [Id(2)] public required Money Owed { get; init; }

    /// <summary>The audit deductions recorded for this fund, institution and month.</summary>
    [Id(3)] public required Money DeductionsRecorded { get; init; }

    /// <summary>What is withheld: the recorded deductions, at most <see cref="Owed"/> (none when nothing is owed).</summary>
    [Id(4)] public required Money Deducted { get; init; }

    /// <summary><see cref="Owed"/> − <see cref="Deducted"/>.</summary>
    [Id(5)] public required Money Paid { get; init; }
}
