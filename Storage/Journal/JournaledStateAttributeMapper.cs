using Medisettle.Storage.GroupCommit;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Medisettle.Storage.Journal;

/// <summary>Creates the <see cref="IJournaledState{TState}"/> of a grain constructor parameter marked <see cref="JournaledStateAttribute"/>.</summary>
public sealed class JournaledStateAttributeMapper : JournaledStateMapper
{
    protected override IJournaledState<TState> Create<TState>(IGrainContext context, string stateName, string storageName)
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
