using Medisettle.Interfaces.Ledger;

namespace Medisettle.Interfaces.Settlement;

/// <summary>An institution's registration, designation, score and consumed receivable postings.</summary>
public sealed record InstitutionSnapshot
{
    public required InstitutionProfile Profile { get; init; }

    public required string Name { get; init; }

    /// <summary>Points deducted this year (pharmacies lose designation at <see cref="InstitutionRules.PharmacyPointsMax"/>).</summary>
    public required int PointsDeducted { get; init; }

    /// <summary>What the funds owe the institution: the sum of its applied receivable postings.</summary>
    public required Money Receivable { get; init; }

    /// <summary>Journal sequence up to which receivable postings have been applied.</summary>
    public required long AppliedThroughSequence { get; init; }

    public required int PostingsApplied { get; init; }

    /// <summary>Per-day settlement totals (for 3201 reconciliation), most recent days.</summary>
    public required IReadOnlyList<DailyTotal> DailyTotals { get; init; }
}
