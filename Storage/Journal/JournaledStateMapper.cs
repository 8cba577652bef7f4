using System.Reflection;
using Orleans.Providers;

namespace Medisettle.Storage.Journal;

/// <summary>
/// What every mapper of <see cref="JournaledStateAttribute"/> shares: it checks that the grain constructor parameter is
/// an <see cref="IJournaledState{TState}"/>, and returns a factory that creates the facet of that state type for each
/// activation, with the attribute's state name and storage name (default: the default storage). A subclass says how
/// one facet is made.
/// </summary>
public abstract class JournaledStateMapper : IAttributeToFactoryMapper<JournaledStateAttribute>
{
    private static readonly MethodInfo CreateMethod =
        typeof(JournaledStateMapper).GetMethod(nameof(Create), BindingFlags.NonPublic | BindingFlags.Instance)!;

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
        return context => create.Invoke(this, [context, stateName, storageName])!;
    }

    /// <summary>Creates the facet of state <typeparamref name="TState"/> for one activation.</summary>
    protected abstract IJournaledState<TState> Create<TState>(IGrainContext context, string stateName, string storageName);
}
