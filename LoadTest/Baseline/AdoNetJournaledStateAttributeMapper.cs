using System.Reflection;
using Medisettle.Storage.Journal;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Storage;

namespace Medisettle.LoadTest.Baseline;

/// <summary>
/// Creates an <see cref="AdoNetJournaledState{TState}"/> for a grain constructor parameter marked
/// <see cref="JournaledStateAttribute"/>. Registered by the AdoNet baseline's silo configuration in place of the
/// group-commit storage's mapper, so the unchanged person grain keeps its state in Orleans' AdoNet storage.
/// </summary>
public sealed class AdoNetJournaledStateAttributeMapper : IAttributeToFactoryMapper<JournaledStateAttribute>
{
    private static readonly MethodInfo CreateMethod =
        typeof(AdoNetJournaledStateAttributeMapper).GetMethod(nameof(Create), BindingFlags.NonPublic | BindingFlags.Static)!;

    public Factory<IGrainContext, object> GetFactory(ParameterInfo parameter, JournaledStateAttribute metadata)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        ArgumentNullException.ThrowIfNull(metadata);
        var type = parameter.ParameterType;
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IJournaledState<>))
        {
            throw new ArgumentException(
                $"Parameter '{parameter.Name}' of {parameter.Member.DeclaringType} is {type}; [JournaledState] needs {typeof(IJournaledState<>).Name}.",
                parameter.Name);
        }

        var create = CreateMethod.MakeGenericMethod(type.GetGenericArguments());
        var stateName = metadata.StateName;
        var storageName = metadata.StorageName ?? ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME;
        return context => create.Invoke(null, [context, stateName, storageName])!;
    }

    private static AdoNetJournaledState<TState> Create<TState>(IGrainContext context, string stateName, string storageName)
    {
        var storage = context.ActivationServices.GetKeyedService<IGrainStorage>(storageName)
            ?? throw new BadProviderConfigException($"No grain storage named '{storageName}' for {context.GrainId.Type}.");
        var state = new AdoNetJournaledState<TState>(stateName, context.GrainId, storage, context.ActivationServices.GetRequiredService<PostgresJournalWriter>());
        context.ObservableLifecycle.Subscribe($"{nameof(AdoNetJournaledState<TState>)}-{stateName}", GrainLifecycleStage.SetupState, state);
        return state;
    }
}
