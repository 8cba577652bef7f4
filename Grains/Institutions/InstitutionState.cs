using Medisettle.Interfaces;
using Medisettle.Interfaces.Ledger;
using Medisettle.Interfaces.Settlement;

namespace Medisettle.Grains.Institutions;

/// <summary>The durable state of an institution grain.</summary>
public sealed class InstitutionState
{
    public InstitutionProfile? Profile { get; set; }

    public string Name { get; set; } = "";

    /// <summary>
    /// The HMAC signing secret, protected (<see cref="Interfaces.Security.CredentialProtection.Purpose"/>); the plain secret is
    /// never stored.
    /// </summary>
    public string? ProtectedCredentialSecret { get; set; }

    /// <summary>
    /// The plain secret as versions before protection at rest stored it; on activation it is protected into
    /// <see cref="ProtectedCredentialSecret"/> and cleared (null in every state written since).
    /// </summary>
    public string? CredentialSecret { get; set; }

    /// <summary>One more with every committed change of <see cref="Profile"/> (the silos' caches keep the newest).</summary>
    public long ProfileVersion { get; set; }

    public int PointsDeducted { get; set; }

    /// <summary>The year <see cref="PointsDeducted"/> counts in.</summary>
    public int PointsYear { get; set; }

    public Money Receivable { get; set; }

    public long AppliedThroughSequence { get; set; }

    public int PostingsApplied { get; set; }

    /// <summary>Per-day totals, oldest first, bounded by <see cref="SettlementOptions.DailyTotalsDaysMax"/>.</summary>
    public List<DailyTotal> DailyTotals { get; set; } = [];
}
