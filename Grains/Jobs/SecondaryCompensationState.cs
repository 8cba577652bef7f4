namespace Medisettle.Grains.Jobs;

/// <summary>The durable state of the 二次补偿 job grain: runs are journal entries; the state counts them (so a run commits a state write with its entries).</summary>
public sealed class SecondaryCompensationState
{
    public int RunsCompleted { get; set; }

    /// <summary>The last year the reminder ran.</summary>
    public int? LastScheduledYear { get; set; }
}
