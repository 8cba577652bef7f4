using Medisettle.Interfaces;
using Medisettle.Interfaces.Jobs;

namespace Medisettle.Grains.Jobs;

/// <summary>The durable state of the insurer cooperation job grain. Runs, agreements and assessments are journal entries too.</summary>
public sealed class InsurerCooperationState
{
    /// <summary>Journal position up to which postings were read into <see cref="Spending"/>.</summary>
    public long ReadThrough { get; set; }

    /// <summary>Each pooled fund's spending (settlements, reversals, payout deductions) per month of the settlement date.</summary>
    public List<FundMonthSpending> Spending { get; set; } = [];

    public List<InsurerAgreement> Agreements { get; set; } = [];

    public List<InsurerAssessment> Assessments { get; set; } = [];
}

/// <summary>A pooled fund's spending dated in one month.</summary>
public sealed class FundMonthSpending
{
    public required string Fund { get; set; }

    public required BusinessMonth Month { get; set; }

    public Money Amount { get; set; }
}
