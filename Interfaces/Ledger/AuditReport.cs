
namespace Medisettle.Interfaces.Ledger;

/// <summary>
/// The result of an independent recomputation of the ledger from the journal: for every fund pool and
/// institution, balance == sum of its applied postings; applied + pending postings == the settlements'
/// fund lines; every person's accumulators == what their settlements imply.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record AuditReport
{
    public bool Passed => Violations.Count == 0;

    /// <summary>Each broken invariant, in words with the amounts involved.</summary>
    [Id(0)] public required IReadOnlyList<string> Violations { get; init; }

    [Id(1)] public required int Settlements { get; init; }

    [Id(2)] public required int Cancellations { get; init; }

    [Id(3)] public required int Postings { get; init; }

    /// <summary>Postings committed but not yet applied by their consumer (the visible journal lag).</summary>
    [Id(4)] public required int PendingPostings { get; init; }

    [Id(5)] public required int PersonsChecked { get; init; }

    /// <summary>Person-years whose basic fund payment was checked against the annual cap of the pack in force.</summary>
    [Id(6)] public required int AnnualCapsChecked { get; init; }

    /// <summary>Daily closes (日结) checked against the institution's postings of the day and its state.</summary>
    [Id(8)] public int ClosesChecked { get; init; }

    /// <summary>Monthly payout runs (拨付) recomputed from the fund postings and audit deductions before them.</summary>
    [Id(9)] public int PayoutRunsChecked { get; init; }

    /// <summary>Year-end risk reserve runs recomputed from the income and fund postings before them.</summary>
    [Id(10)] public int RiskReserveRunsChecked { get; init; }

    /// <summary>二次补偿 runs recomputed from the settlement records and fund postings before them.</summary>
    [Id(11)] public int CompensationRunsChecked { get; init; }

    /// <summary>Insurer cooperation runs (months and year-end settlements) recomputed from the fund postings and the runs before them.</summary>
    [Id(12)] public int InsurerRunsChecked { get; init; }

    /// <summary>Spending per fund pool account, as recomputed from the settlements.</summary>
    [Id(7)] public required IReadOnlyDictionary<string, Money> FundSpending { get; init; }
}
