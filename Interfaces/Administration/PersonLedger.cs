using Medisettle.Interfaces.Ledger;

namespace Medisettle.Interfaces.Administration;

/// <summary>A person's journal: settlements (oldest first) and the cancels of some of them.</summary>
public sealed record PersonLedger
{
    public required IReadOnlyList<SettlementRecord> Settlements { get; init; }
    public required IReadOnlyList<CancellationRecord> Cancellations { get; init; }
    /// <summary>True when more entries exist than were read.</summary>
    public bool Truncated { get; init; }
}
