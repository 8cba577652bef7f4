using Medisettle.Grains.Placement;
using Medisettle.Interfaces.Administration;
using Medisettle.Interfaces.Grains;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Medisettle.Grains.PolicyPacks;

/// <summary>The silo-local end of a policy-pack activation: hands pushed or polled sets to this silo's catalog.</summary>
[SiloTargetedPlacement]
public sealed partial class SiloPolicyCatalogGrain(
    PolicyCatalogProvider catalog,
    IOptions<SettlementOptions> options,
    ILogger<SiloPolicyCatalogGrain> log) : Grain, ISiloPolicyCatalogGrain
{
    private IGrainTimer? _poll;

    public async Task StartAsync()
    {
        await RefreshAsync();
        var interval = options.Value.PolicyRefreshInterval;
        _poll ??= this.RegisterGrainTimer(PollAsync, new GrainTimerCreationOptions(interval, interval) { KeepAlive = true });
    }

    public Task<long> ApplyAsync(ActivatedPolicyPacks activated)
    {
        if (catalog.Apply(activated))
        {
            LogInForce(log, activated.Version, activated.Packs.Count);
        }

        return Task.FromResult(catalog.ActivatedVersion);
    }

    private async Task RefreshAsync() =>
        await ApplyAsync(await GrainFactory.GetGrain<IPolicyRegistryGrain>(IPolicyRegistryGrain.Key).GetActivatedAsync());

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RefreshAsync();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogPollFailed(log, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Policy packs version {Version} in force on this silo ({Packs} activated packs beside the shipped ones)")]
    private static partial void LogInForce(ILogger logger, long version, int packs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the cluster's policy packs; the silo keeps the set in force and tries again")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);
}
