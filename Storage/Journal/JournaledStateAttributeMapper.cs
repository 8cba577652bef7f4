using System.Reflection;
using Medisettle.Storage.GroupCommit;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Storage;

namespace Medisettle.Storage.Journal;

/// <summary>Creates the <see cref="IJournaledState{TState}"/> of a grain constructor parameter marked <see cref="JournaledStateAttribute"/>.</summary>
public sealed class JournaledStateAttributeMapper : IAttributeToFactoryMapper<JournaledStateAttribute>
{
    private static readonly MethodInfo CreateMethod =
        typeof(JournaledStateAttributeMapper).GetMethod(nameof(Create), BindingFlags.NonPublic | BindingFlags.Static)!;

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

    private static JournaledState<TState> Create<TState>(IGrainContext context, string stateName, string storageName)
    {
        var storage = context.ActivationServices.GetKeyedService<IGrainStorage>(storageName)
            ?? throw new BadProviderConfigException($"No grain storage named '{storageName}' for {context.GrainId.Type}; register one with AddSqliteGroupCommitStorage or AddPostgresGroupCommitStorage.");
        if (storage is not GroupCommitGrainStorage groupCommit)
        {
            throw new BadProviderConfigException(
                $"Grain storage '{storageName}' is {storage.GetType().Name}; [JournaledState] needs a {nameof(GroupCommitGrainStorage)} (journal appends commit with the state).");
        }

        return new JournaledState<TState>(stateName, context, groupCommit);
    }
}
