using Medisettle.Interfaces;
using Medisettle.Interfaces.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Medisettle.Gateway.Security;

/// <summary>
/// The replay window in this process's memory only: for a gateway without the settlement grains (tests, a demo).
/// It is lost on restart and not shared with other gateways; <see cref="GrainReplayGuard"/> is.
/// </summary>
public sealed class LocalReplayGuard(
    [FromKeyedServices(SigningClock.ServiceKey)] TimeProvider time,
    IOptions<GatewayOptions> options) : IReplayGuard
{
    private readonly ReplayCache _replays = new(time, options.Value.ReplayCacheEntriesMax);
    private readonly TimeSpan _window = options.Value.ReplayWindow;

    public ValueTask<ReplayVerdict> CheckAndRecordAsync(string institution, long timestampMilliseconds, string signature, CancellationToken cancellationToken)
    {
        var expiresAt = DateTimeOffset.FromUnixTimeMilliseconds(timestampMilliseconds) + _window;
        return ValueTask.FromResult(_replays.TryRecord(institution + ":" + signature, expiresAt) switch
        {
            ReplayCheck.Recorded => ReplayVerdict.Recorded,
            ReplayCheck.Replay => ReplayVerdict.Replay,
            _ => ReplayVerdict.Full,
        });
    }

    /// <summary>Nothing to wait for: this guard keeps its records in memory only, from the moment they are made.</summary>
    public ValueTask ConfirmAsync(string institution, long timestampMilliseconds, string signature, CancellationToken cancellationToken) =>
        ValueTask.CompletedTask;
}
