using Medisettle.Interfaces;
using Medisettle.Interfaces.Ledger;
using Medisettle.Interfaces.Settlement;

namespace Medisettle.Grains.Institutions;

/// <summary>The durable state of an institution grain.</summary>
public sealed class InstitutionState
{
    public InstitutionProfile? Profile { get; set; }

    public string Name { get; set; } = "";

    /// <summary>HMAC signing secret (base64).</summary>
    public string? CredentialSecret { get; set; }

    public int PointsDeducted { get; set; }

    /// <summary>The year <see cref="PointsDeducted"/> counts in.</summary>
    public int PointsYear { get; set; }

    public Money Receivable { get; set; }

    public long AppliedThroughSequence { get; set; }

    public int PostingsApplied { get; set; }

    /// <summary>Per-day totals, oldest first, bounded by <see cref="SettlementOptions.DailyTotalsDaysMax"/>.</summary>
    public List<DailyTotal> DailyTotals { get; set; } = [];
}
