using Medisettle.Interfaces.Controls;
using Medisettle.Interfaces.Ledger;

namespace Medisettle.Interfaces.Settlement;

/// <summary>An institution's registration, designation, score and consumed receivable postings.</summary>
[GenerateSerializer]
[Immutable]
public sealed record InstitutionSnapshot
{
    [Id(0)] public required InstitutionProfile Profile { get; init; }

    [Id(1)] public required string Name { get; init; }

    /// <summary>Points deducted this year (pharmacies lose designation at <see cref="InstitutionRules.PharmacyPointsMax"/>).</summary>
    [Id(2)] public required int PointsDeducted { get; init; }

    /// <summary>What the funds owe the institution: the sum of its applied receivable postings.</summary>
    [Id(3)] public required Money Receivable { get; init; }

    /// <summary>Journal sequence up to which receivable postings have been applied.</summary>
    [Id(4)] public required long AppliedThroughSequence { get; init; }

    [Id(5)] public required int PostingsApplied { get; init; }

    /// <summary>Per-day settlement totals (for 3201 reconciliation), most recent days.</summary>
    [Id(6)] public required IReadOnlyList<DailyTotal> DailyTotals { get; init; }

    /// <summary>Inpatient cases per period under each pack's 协议病种 rule (most recent periods).</summary>
    [Id(7)] public IReadOnlyList<AgreedDiseaseTally> AgreedDiseaseTallies { get; init; } = [];

    /// <summary>Alerts raised on the institution (协议病种 : 包干 above the pack's ratio), oldest first.</summary>
    [Id(8)] public IReadOnlyList<InstitutionAlert> Alerts { get; init; } = [];

    /// <summary>Ids of the idempotent deductions applied (a confirmed flag deducts once under <c>flag:{flagId}</c>), most recent last.</summary>
    [Id(9)] public IReadOnlyList<string> DeductionIds { get; init; } = [];
}
