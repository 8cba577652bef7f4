using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Medisettle.Runtime.Configuration;
using Medisettle.Runtime.Storage;

namespace Medisettle.Runtime.Catalog;

/// <summary>
/// Builds grain instances: a compiled constructor per grain class; parameters marked
/// <see cref="PersistentStateAttribute"/> get a state bound to the activation, others come from the
/// silo's root service provider (so grains take singletons or transients, not scoped services).
/// </summary>
internal sealed class GrainActivator(IServiceProvider services, IGrainStorage storage, SiloOptions options)
{
    [ThreadStatic]
    private static (ActivationData Activation, IGrainFactory GrainFactory)? t_constructing;

    private readonly ConcurrentDictionary<Type, Func<ActivationData, List<IActivationState>, object?[]>> _argumentFactories = new();
    private readonly ConcurrentDictionary<Type, Func<object?[], object>> _constructors = new();

    /// <summary>The activation whose grain is being constructed on this thread (read by the <see cref="Grain"/> constructor).</summary>
    internal static (ActivationData Activation, IGrainFactory GrainFactory)? Constructing => t_constructing;

    public (Grain Grain, List<IActivationState> States) Create(ActivationData activation, Type grainClass, IGrainFactory grainFactory)
    {
        var states = new List<IActivationState>();
        var arguments = _argumentFactories.GetOrAdd(grainClass, BuildArgumentFactory)(activation, states);
        var constructor = _constructors.GetOrAdd(grainClass, BuildConstructor);
        t_constructing = (activation, grainFactory);
        try
        {
            var grain = (Grain)constructor(arguments);
            grain.Attach(activation, grainFactory);
            return (grain, states);
        }
        finally
        {
            t_constructing = null;
        }
    }

    private static ConstructorInfo SelectConstructor(Type grainClass) =>
        grainClass.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
        ?? throw new InvalidOperationException($"Grain class {grainClass.Name} has no public constructor.");

    private static Func<object?[], object> BuildConstructor(Type grainClass)
    {
        var constructor = SelectConstructor(grainClass);
        var arguments = Expression.Parameter(typeof(object?[]), "arguments");
        var body = Expression.New(constructor, constructor.GetParameters().Select((p, i) =>
            Expression.Convert(Expression.ArrayIndex(arguments, Expression.Constant(i)), p.ParameterType)));
        return Expression.Lambda<Func<object?[], object>>(Expression.Convert(body, typeof(object)), arguments).Compile();
    }

    private Func<ActivationData, List<IActivationState>, object?[]> BuildArgumentFactory(Type grainClass)
    {
        var parameters = SelectConstructor(grainClass).GetParameters();
        var resolvers = parameters.Select(p => BuildResolver(grainClass, p)).ToArray();
        return (activation, states) =>
        {
            var arguments = new object?[resolvers.Length];
            for (var i = 0; i < resolvers.Length; i++)
            {
                arguments[i] = resolvers[i](activation, states);
            }

            return arguments;
        };
    }

    private Func<ActivationData, List<IActivationState>, object?> BuildResolver(Type grainClass, ParameterInfo parameter)
    {
        var attribute = parameter.GetCustomAttribute<PersistentStateAttribute>();
        if (attribute is null)
        {
            return (_, _) => services.GetService(parameter.ParameterType)
                ?? (parameter.HasDefaultValue ? parameter.DefaultValue
                    : throw new InvalidOperationException($"Cannot create grain {grainClass.Name}: no service of type {parameter.ParameterType.Name} for constructor parameter '{parameter.Name}'."));
        }

        var type = parameter.ParameterType;
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IPersistentState<>))
        {
            throw new InvalidOperationException($"Grain {grainClass.Name}: parameter '{parameter.Name}' has [PersistentState] but is not IPersistentState<T>.");
        }

        var stateType = typeof(PersistentState<>).MakeGenericType(type.GetGenericArguments()[0]);
        var stateName = attribute.StateName;
        return (activation, states) =>
        {
            var id = activation.GrainId;
            var state = (IActivationState)Activator.CreateInstance(
                stateType, id, stateName, id.Partition(options.PartitionCount), storage, options.StateSerializerOptions)!;
            states.Add(state);
            return state;
        };
    }
}
