using Medisettle.Interfaces.Security;

namespace Medisettle.Interfaces.Grains;

/// <summary>
/// The request signatures one institution used within one time bucket of the replay window (key from
/// <see cref="ReplayWindowKeys.GrainKey"/>), kept in the database so the window holds across gateways and restarts.
/// </summary>
public interface IReplayWindowGrain : IGrainWithStringKey
{
    /// <summary>
    /// Checks <paramref name="signature"/> against the bucket and records it in one step; answers only after the
    /// record is committed, so a request is processed only once its signature can no longer be replayed.
    /// </summary>
    Task<ReplayVerdict> RecordAsync(long bucket, string signature);
}
