using Medisettle.Interfaces.Settlement;

namespace Medisettle.LoadTest.Targets;

/// <summary>
/// A settlement the target acknowledged: enough to cancel it or to re-send its request. Over HTTP also the exact
/// settle body (a retry re-sends it, signed with a later timestamp than every earlier send) and the mdtrt_id the
/// gateway gave the visit.
/// </summary>
public sealed record AcknowledgedSettlement(string PersonId, string SettlementId, SettleCommand Command, SignedBody? Body = null, string? VisitId = null);
