using Medisettle.Interfaces.Security;

namespace Medisettle.Interfaces.Grains;

/// <summary>
/// The request signatures one institution used within one time bucket of the replay window (key from
/// <see cref="ReplayWindowKeys.GrainKey"/>), kept in the database so the window holds across gateways and restarts.
/// </summary>
/// <remarks>
/// A signature is checked and recorded in memory at once (<see cref="RecordAsync"/>); it reaches the database with the
/// slot's next write: <see cref="ConfirmAsync"/>, or the write the slot makes when it leaves memory. A gateway confirms
/// every request whose repeat could still change something (a refusal, say), before answering it; a request whose
/// success committed under its msgid needs no write of its own, as any repeat of it is answered from that commit and
/// changes nothing (docs/gateway.md, "Signing").
/// </remarks>
public interface IReplayWindowGrain : IGrainWithStringKey
{
    /// <summary>
    /// Checks <paramref name="signature"/> against the bucket and records it in memory in one step: the verdict comes
    /// without waiting for a write.
    /// </summary>
    Task<ReplayVerdict> RecordAsync(long bucket, string signature);

    /// <summary>
    /// Makes sure <paramref name="signature"/>, recorded before by <see cref="RecordAsync"/>, is in the database:
    /// records it again if this activation does not hold it (the slot left memory meanwhile), even beyond
    /// <c>SignaturesMax</c>, and returns once a write holding it has committed. A bucket the slot has moved past needs
    /// no record: its timestamps have left the window, so no repeat of them is accepted.
    /// </summary>
    Task ConfirmAsync(long bucket, string signature);
}
