
namespace Medisettle.Interfaces.Ledger;

/// <summary>
/// The result of an independent recomputation of the ledger from the journal: for every fund pool and
/// institution, balance == sum of its applied postings; applied + pending postings == the settlements'
/// fund lines; every person's accumulators == what their settlements imply.
/// </summary>
public sealed record AuditReport
{
    public bool Passed => Violations.Count == 0;

    /// <summary>Each broken invariant, in words with the amounts involved.</summary>
    public required IReadOnlyList<string> Violations { get; init; }

    public required int Settlements { get; init; }

    public required int Cancellations { get; init; }

    public required int Postings { get; init; }

    /// <summary>Postings committed but not yet applied by their consumer (the visible journal lag).</summary>
    public required int PendingPostings { get; init; }

    public required int PersonsChecked { get; init; }

    /// <summary>Person-years whose basic fund payment was checked against the annual cap of the pack in force.</summary>
    public required int AnnualCapsChecked { get; init; }

    /// <summary>Spending per fund pool account, as recomputed from the settlements.</summary>
    public required IReadOnlyDictionary<string, Money> FundSpending { get; init; }
}
