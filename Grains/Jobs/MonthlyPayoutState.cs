using Medisettle.Interfaces.Jobs;

namespace Medisettle.Grains.Jobs;

/// <summary>The durable state of the monthly-payout job grain. Completed runs and deductions are journal entries too.</summary>
public sealed class MonthlyPayoutState
{
    /// <summary>Journal position up to which postings were read into <see cref="Outstanding"/>.</summary>
    public long ReadThrough { get; set; }

    /// <summary>What the funds owe the institutions and no run has paid yet, per fund, institution and month of the settlement date.</summary>
    public List<OutstandingAmount> Outstanding { get; set; } = [];

    /// <summary>Audit deductions recorded and not yet applied by a run, in the order recorded.</summary>
    public List<AuditDeduction> PendingDeductions { get; set; } = [];

    /// <summary>The last month the reminder paid.</summary>
    public BusinessMonth? LastScheduledMonth { get; set; }
}
