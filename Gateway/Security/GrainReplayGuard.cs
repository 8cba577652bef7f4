using Medisettle.Interfaces;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Medisettle.Gateway.Security;

/// <summary>
/// The replay window as cluster state: each verified signature is checked and recorded by one
/// <see cref="IReplayWindowGrain"/> call (per institution and time bucket, persisted) before the request is processed,
/// so a replay is refused by any gateway and after any restart. Signatures this gateway has recorded are also kept in
/// a local cache, which refuses a replay through this gateway without a grain call (a fast path only: a miss asks
/// the grain, and a full local cache just stops remembering).
/// </summary>
public sealed class GrainReplayGuard(
    IGrainFactory grains,
    [FromKeyedServices(SigningClock.ServiceKey)] TimeProvider time,
    IOptions<GatewayOptions> options) : IReplayGuard
{
    private readonly ReplayCache _seenHere = new(time, options.Value.ReplayCacheEntriesMax);
    private readonly TimeSpan _window = options.Value.ReplayWindow;
    private readonly TimeSpan _checkTimeout = options.Value.ReplayCheckTimeout;

    public async ValueTask<ReplayVerdict> CheckAndRecordAsync(string institution, long timestampMilliseconds, string signature, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(institution);
        ArgumentException.ThrowIfNullOrEmpty(signature);
        var key = institution + ":" + signature;
        if (_seenHere.Contains(key))
        {
            return ReplayVerdict.Replay;
        }

        var bucket = ReplayWindowKeys.BucketOf(timestampMilliseconds);
        var verdict = await grains.GetGrain<IReplayWindowGrain>(ReplayWindowKeys.GrainKey(institution, bucket, _window))
            .RecordAsync(bucket, signature)
            .WaitAsync(_checkTimeout, cancellationToken); // real time; a TimeoutException is answered 9998 (TransientFailure)
        if (verdict == ReplayVerdict.Recorded)
        {
            _seenHere.TryRecord(key, DateTimeOffset.FromUnixTimeMilliseconds(timestampMilliseconds) + _window);
        }

        return verdict;
    }
}
