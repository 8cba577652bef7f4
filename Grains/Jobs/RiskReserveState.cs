using Medisettle.Interfaces;

namespace Medisettle.Grains.Jobs;

/// <summary>The durable state of the risk-reserve job grain. Completed runs and incomes are journal entries too.</summary>
public sealed class RiskReserveState
{
    /// <summary>Journal position up to which postings were read into <see cref="Years"/>.</summary>
    public long ReadThrough { get; set; }

    /// <summary>Each pooled fund's income and spending per year.</summary>
    public List<FundYearTotals> Years { get; set; } = [];

    /// <summary>What each pooled fund has set aside into its reserve so far, by fund.</summary>
    public Dictionary<string, Money> ReserveByFund { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The last year the reminder ran.</summary>
    public int? LastScheduledYear { get; set; }
}
