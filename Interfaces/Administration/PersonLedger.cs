using Medisettle.Interfaces.Ledger;

namespace Medisettle.Interfaces.Administration;

/// <summary>A person's journal: settlements (oldest first) and the cancels of some of them.</summary>
[GenerateSerializer]
[Immutable]
public sealed record PersonLedger
{
    [Id(0)] public required IReadOnlyList<SettlementRecord> Settlements { get; init; }
    [Id(1)] public required IReadOnlyList<CancellationRecord> Cancellations { get; init; }
    /// <summary>True when more entries exist than were read.</summary>
    [Id(2)] public bool Truncated { get; init; }
}
