using Medisettle.Interfaces;
using Medisettle.Interfaces.Controls;
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

    /// <summary>
    /// Where each settlement date's receivable postings lie in the journal, oldest date first, at most
    /// <see cref="SettlementOptions.ReceivableDaysMax"/> dates: 3202 reconciliation reads only that part of the
    /// institution's posting stream (<see cref="Institutions.ReceivableDays"/>).
    /// </summary>
    public List<ReceivableDay> ReceivableDays { get; set; } = [];

    /// <summary>
    /// The first settlement date from which <see cref="ReceivableDays"/> holds every receivable posting applied; null
    /// when it holds none for certain: the state had applied postings before it was kept (data of an earlier version),
    /// whose settlement dates it does not know.
    /// </summary>
    public DateOnly? ReceivableDaysFrom { get; set; }

    /// <summary>Days closed by the daily close, oldest first, at most <see cref="ClosesMax"/>.</summary>
    public List<DailyClose> Closes { get; set; } = [];

    /// <summary>Ids of idempotent deductions applied (<see cref="InstitutionGrain.DeductPointsOnceAsync"/>), oldest first, at most <see cref="DeductionIdsMax"/>.</summary>
    public List<string> DeductionIds { get; set; } = [];

    /// <summary>协议病种 : 包干 counts per pack and period, oldest period first, at most <see cref="TalliesMax"/>.</summary>
    public List<AgreedDiseaseTally> AgreedDiseaseTallies { get; set; } = [];

    /// <summary>Alerts raised, oldest first, at most <see cref="AlertsMax"/>.</summary>
    public List<InstitutionAlert> Alerts { get; set; } = [];

    /// <summary>
    /// Deduction ids remembered. A confirmed flag's review grain records that its deduction reached the institution
    /// right after it did, so an id is asked again only after a crash between the two; 1,000 covers that many times over.
    /// </summary>
    public const int DeductionIdsMax = 1_000;

    /// <summary>Periods (per pack) of 协议病种 counts kept: 48 periods of a month are four years.</summary>
    public const int TalliesMax = 48;

    public const int AlertsMax = 100;

    /// <summary>Closed days remembered (about 2.7 years of daily closes); a posting for an older closed day is booked on its own date.</summary>
    public const int ClosesMax = 1_000;
}
