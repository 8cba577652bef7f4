using Medisettle.Interfaces.Settlement;

namespace Medisettle.LoadTest.Targets;

/// <summary>
/// A settlement the target acknowledged: enough to cancel it or to re-send its request. Over HTTP also the exact
/// settle body (a retry re-sends it) and the mdtrt_id the gateway gave the visit.
/// </summary>
public sealed record AcknowledgedSettlement(string PersonId, string SettlementId, SettleCommand Command, byte[]? Body = null, string? VisitId = null);
