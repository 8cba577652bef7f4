using Orleans.Runtime.Messaging;
using Orleans.Storage;

namespace Medisettle.Gateway.Pipeline;

/// <summary>
/// Failures that say "not now" rather than "wrong": a silo was lost or left mid-call, a connection failed, a call timed
/// out, a stale activation lost its write to a newer one (<see cref="InconsistentStateException"/>), the cluster shed
/// load, a message expired before Orleans could place its grain (an <see cref="OperationCanceledException"/> the caller
/// did not ask for: callers check their own token first). The answer is 503 with Retry-After and infcode <c>9998</c>: the request may or may not have been applied, so
/// the client retries it with the same msgid and gets the first answer.
/// </summary>
internal static class TransientFailure
{
    /// <summary>Seconds a client should wait before the retry (the Retry-After header).</summary>
    public const int RetryAfterSeconds = 1;

    public static bool Is(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SiloUnavailableException or OrleansMessageRejectionException or GatewayTooBusyException or ConnectionFailedException
                or TimeoutException or InconsistentStateException or OperationCanceledException)
            {
                return true;
            }
        }

        return false;
    }
}
