using Medisettle.Storage.Journal;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Medisettle.LoadTest.Baseline;

/// <summary>
/// Creates an <see cref="AdoNetJournaledState{TState}"/> for a grain constructor parameter marked
/// <see cref="JournaledStateAttribute"/>. Registered by the AdoNet baseline's silo configuration in place of the
/// group-commit storage's mapper, so the unchanged person grain keeps its state in Orleans' AdoNet storage.
/// </summary>
public sealed class AdoNetJournaledStateAttributeMapper : JournaledStateMapper
{
    protected override IJournaledState<TState> Create<TState>(IGrainContext context, string stateName, string storageName)
    {
        var storage = context.ActivationServices.GetKeyedService<IGrainStorage>(storageName)
            ?? throw new BadProviderConfigException($"No grain storage named '{storageName}' for {context.GrainId.Type}.");
        var state = new AdoNetJournaledState<TState>(stateName, context.GrainId, storage, context.ActivationServices.GetRequiredService<PostgresJournalWriter>(), context);
        context.ObservableLifecycle.Subscribe($"{nameof(AdoNetJournaledState<TState>)}-{stateName}", GrainLifecycleStage.SetupState, state);
        return state;
    }
}
