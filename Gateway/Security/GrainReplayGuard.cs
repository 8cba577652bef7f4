using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Security;
using Microsoft.Extensions.Options;

namespace Medisettle.Gateway.Security;

/// <summary>
/// The replay window as cluster state: each verified signature is checked and recorded by one
/// <see cref="IReplayWindowGrain"/> call (per institution and time bucket, persisted) before the request is processed,
/// so a replay is refused by any gateway and after any restart. The check waits for no write; a request whose repeat
/// could still change something is confirmed (written) before it is answered (<see cref="ConfirmAsync"/>). The gateway
/// keeps no copy of its own: a copy saved a grain call only for a replay, while every request paid for keeping it, and
/// at 2,400 requests a second over the 300-second window it held some 700,000 signatures on the heap (docs/benchmarks.md, "Issue 12, fifteenth sitting").
/// </summary>
public sealed class GrainReplayGuard(
    IGrainFactory grains,
    IOptions<GatewayOptions> options) : IReplayGuard
{
    private readonly TimeSpan _window = options.Value.ReplayWindow;
    private readonly TimeSpan _checkTimeout = options.Value.ReplayCheckTimeout;

    public async ValueTask<ReplayVerdict> CheckAndRecordAsync(string institution, long timestampMilliseconds, string signature, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(signature);
        var (slot, bucket) = SlotOf(institution, timestampMilliseconds);
        return await slot.RecordAsync(bucket, signature)
            .WaitAsync(_checkTimeout, cancellationToken); // real time; a TimeoutException is answered 9998 (TransientFailure)
    }

    public async ValueTask ConfirmAsync(string institution, long timestampMilliseconds, string signature, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(signature);
        var (slot, bucket) = SlotOf(institution, timestampMilliseconds);
        await slot.ConfirmAsync(bucket, signature).WaitAsync(_checkTimeout, cancellationToken);
    }

    private (IReplayWindowGrain Slot, long Bucket) SlotOf(string institution, long timestampMilliseconds)
    {
        ArgumentException.ThrowIfNullOrEmpty(institution);
        var bucket = ReplayWindowKeys.BucketOf(timestampMilliseconds);
        return (grains.GetGrain<IReplayWindowGrain>(ReplayWindowKeys.GrainKey(institution, bucket, _window)), bucket);
    }
}
