using Medisettle.Interfaces;

namespace Medisettle.Grains.Jobs;

/// <summary>A pooled fund's income and spending for one year, as read from its postings so far.</summary>
public sealed class FundYearTotals
{
    public required string Fund { get; set; }

    public required int Year { get; set; }

    public Money Income { get; set; }

    public Money Spending { get; set; }
}
