using Medisettle.Interfaces.Settlement;

namespace Medisettle.LoadTest.Targets;

/// <summary>A settlement the target acknowledged: enough to cancel it or to re-send its request.</summary>
public sealed record AcknowledgedSettlement(string PersonId, string SettlementId, SettleCommand Command);
