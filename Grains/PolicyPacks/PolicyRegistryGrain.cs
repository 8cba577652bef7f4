using Medisettle.Grains.Placement;
using Medisettle.Grains.Policy;
using Medisettle.Interfaces.Administration;
using Medisettle.Interfaces.Grains;
using Microsoft.Extensions.Logging;

namespace Medisettle.Grains.PolicyPacks;

/// <summary>
/// The cluster's policy-pack registry (<see cref="IPolicyRegistryGrain"/>). An activation is decided here alone:
/// the new set must compose with the shipped packs (no overlap), is stored, and only then pushed to every active
/// silo's <see cref="ISiloPolicyCatalogGrain"/>. A silo the push does not reach (busy, leaving) catches up by its
/// poll; a silo that starts later reads the set at start.
/// </summary>
public sealed partial class PolicyRegistryGrain(
    [PersistentState("policy-packs")] IPersistentState<PolicyRegistryState> state,
    PolicyCatalogProvider catalog,
    ILogger<PolicyRegistryGrain> log) : Grain, IPolicyRegistryGrain
{
    /// <summary>Most packs waiting to be activated.</summary>
    public const int StagedPacksMax = 100;

    /// <summary>How long the push waits for one silo before leaving it to its poll.</summary>
    public static readonly TimeSpan PushTimeout = TimeSpan.FromSeconds(10);

    private ActivatedPolicyPacks _committed = new(PolicyCatalogProvider.ActivatedVersionNone, []);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _committed = new ActivatedPolicyPacks(state.State.Version, [.. state.State.Activated]);
        return Task.CompletedTask;
    }

    public Task<ActivatedPolicyPacks> GetActivatedAsync() => Task.FromResult(_committed);

    public Task<IReadOnlyList<PolicyPackInfo>> ListAsync()
    {
        var active = PolicyCatalogProvider.Compose(catalog.Shipped, _committed.Packs).Packs.Select(p => PolicyPackInfos.From(p, active: true));
        var staged = state.State.Staged.Select(p => PolicyPackInfos.From(PolicyPackLoader.Parse(p.Json, p.SourceName), active: false));
        return Task.FromResult<IReadOnlyList<PolicyPackInfo>>([.. active, .. staged]);
    }

    public async Task<PolicyPackChange> LoadAsync(string json, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(sourceName);
        PolicyPack pack;
        try
        {
            pack = PolicyPackLoader.Parse(json, sourceName);
        }
        catch (PolicyPackException e)
        {
            return PolicyPackInfos.Refused(e);
        }

        var staged = state.State.Staged.Where(p => p.Id != pack.Id).ToList();
        if (staged.Count >= StagedPacksMax)
        {
            return new PolicyPackChange { Error = $"{StagedPacksMax} packs are already loaded and waiting (StagedPacksMax); activate some first." };
        }

        staged.Add(new StoredPolicyPack(pack.Id, sourceName, json));
        await WriteAsync(new PolicyRegistryState { Version = state.State.Version, Activated = state.State.Activated, Staged = staged });
        return new PolicyPackChange { Pack = PolicyPackInfos.From(pack, active: false) };
    }

    public async Task<PolicyPackChange> ActivateAsync(string packId)
    {
        ArgumentNullException.ThrowIfNull(packId);
        if (state.State.Staged.FirstOrDefault(p => p.Id == packId) is not { } entry)
        {
            return new PolicyPackChange { NotFound = true, Error = $"No loaded pack has id '{packId}'; POST it first." };
        }

        var activated = state.State.Activated.Where(p => p.Id != packId).Append(entry).ToList();
        PolicyPack pack;
        try
        {
            pack = PolicyCatalogProvider.Compose(catalog.Shipped, activated).FindById(packId)!;
        }
        catch (PolicyPackException e)
        {
            return PolicyPackInfos.Refused(e);
        }

        await WriteAsync(new PolicyRegistryState
        {
            Version = state.State.Version + 1,
            Activated = activated,
            Staged = state.State.Staged.Where(p => p.Id != packId).ToList(),
        });
        _committed = new ActivatedPolicyPacks(state.State.Version, [.. activated]);
        await PushAsync(_committed);
        return new PolicyPackChange { Pack = PolicyPackInfos.From(pack, active: true) };
    }

    /// <summary>Stores <paramref name="next"/>; on failure the state in memory stays what is stored.</summary>
    private async Task WriteAsync(PolicyRegistryState next)
    {
        var previous = state.State;
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = previous;
            throw;
        }
    }

    private async Task PushAsync(ActivatedPolicyPacks activated)
    {
        var (switched, silos) = await EverySilo.CallAsync<ISiloPolicyCatalogGrain>(
            GrainFactory, PushTimeout, async silo => await silo.ApplyAsync(activated) >= activated.Version, (silo, e) => LogPushFailed(log, silo, activated.Version, e));
        LogActivated(log, activated.Version, switched, silos);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Policy packs version {Version} in force on {Switched} of {Silos} active silos (the rest catch up by their poll)")]
    private static partial void LogActivated(ILogger logger, long version, int switched, int silos);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Policy packs version {Version} not pushed to silo {Silo}; it catches up by its poll")]
    private static partial void LogPushFailed(ILogger logger, SiloAddress silo, long version, Exception exception);
}
