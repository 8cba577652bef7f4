using Medisettle.Interfaces.Security;

namespace Medisettle.Gateway.Security;

/// <summary>Where the gateway checks and records verified request signatures for the replay window.</summary>
public interface IReplayGuard
{
    /// <summary>
    /// Checks <paramref name="signature"/> (64 lowercase hex characters) of <paramref name="institution"/>, signed at
    /// <paramref name="timestampMilliseconds"/> (inside the window), and records it in the same step. The record may
    /// be kept in memory only until <see cref="ConfirmAsync"/> or the guard's own next write.
    /// </summary>
    ValueTask<ReplayVerdict> CheckAndRecordAsync(string institution, long timestampMilliseconds, string signature, CancellationToken cancellationToken);

    /// <summary>
    /// Returns once the signature recorded by <see cref="CheckAndRecordAsync"/> is kept as durably as the guard keeps
    /// anything: the gateway awaits it before answering a request whose repeat could still change something.
    /// </summary>
    ValueTask ConfirmAsync(string institution, long timestampMilliseconds, string signature, CancellationToken cancellationToken);
}
