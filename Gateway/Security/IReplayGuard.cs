using Medisettle.Interfaces.Security;

namespace Medisettle.Gateway.Security;

/// <summary>Where the gateway checks and records verified request signatures for the replay window.</summary>
public interface IReplayGuard
{
    /// <summary>
    /// Checks <paramref name="signature"/> (64 lowercase hex characters) of <paramref name="institution"/>, signed at
    /// <paramref name="timestampMilliseconds"/> (inside the window), and records it in the same step.
    /// </summary>
    ValueTask<ReplayVerdict> CheckAndRecordAsync(string institution, long timestampMilliseconds, string signature, CancellationToken cancellationToken);
}
