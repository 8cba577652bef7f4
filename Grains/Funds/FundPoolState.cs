using Medisettle.Interfaces;


namespace Medisettle.Grains.Funds;

/// <summary>The durable state of a fund pool grain: its consumed ledger and consumer position.</summary>
public sealed class FundPoolState
{
    public Money Income { get; set; }

    public Money Spending { get; set; }

    public long AppliedThroughSequence { get; set; }

    public int PostingsApplied { get; set; }
}
