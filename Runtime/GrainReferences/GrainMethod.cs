using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Medisettle.Runtime.Scheduling;

namespace Medisettle.Runtime.GrainReferences;

/// <summary>
/// A grain interface method with a compiled invoker (no reflection per call). Built once per
/// <see cref="MethodInfo"/> and cached; <see cref="Validate"/> builds them at registration so a bad
/// signature fails at start.
/// </summary>
internal abstract class GrainMethod
{
    private static readonly ConcurrentDictionary<MethodInfo, GrainMethod> Cache = new();

    public static GrainMethod For(MethodInfo method) => Cache.GetOrAdd(method, Create);

    /// <summary>Builds (and caches) the methods of <paramref name="grainInterface"/> and the interfaces it extends.</summary>
    public static void Validate(Type grainInterface)
    {
        foreach (var type in grainInterface.GetInterfaces().Append(grainInterface))
        {
            foreach (var method in type.GetMethods())
            {
                For(method);
            }
        }
    }

    /// <summary>Queues the call to the grain and returns the typed task (Task, Task{T}, ValueTask or ValueTask{T}).</summary>
    public abstract object Dispatch(GrainProxy proxy, object?[] arguments);

    private static GrainMethod Create(MethodInfo method)
    {
        var name = $"{method.DeclaringType?.Name}.{method.Name}";
        if (method.IsGenericMethodDefinition || method.GetParameters().Any(p => p.ParameterType.IsByRef))
        {
            throw new NotSupportedException($"Grain method {name} is generic or has ref/out parameters; neither is supported.");
        }

        var grain = Expression.Parameter(typeof(object), "grain");
        var arguments = Expression.Parameter(typeof(object?[]), "arguments");
        var call = Expression.Call(
            Expression.Convert(grain, method.DeclaringType!),
            method,
            method.GetParameters().Select((p, i) =>
                Expression.Convert(Expression.ArrayIndex(arguments, Expression.Constant(i)), p.ParameterType)));
        var (resultType, kind, body) = Adapt(method, name, call);
        var invokerType = typeof(Func<,,>).MakeGenericType(typeof(object), typeof(object?[]), typeof(Task<>).MakeGenericType(resultType));
        var invoker = Expression.Lambda(invokerType, body, grain, arguments).Compile();
        var methodType = typeof(GrainMethod<>).MakeGenericType(resultType);
        return (GrainMethod)Activator.CreateInstance(methodType, invoker, name, kind)!;
    }

    private static (Type ResultType, GrainMethodReturnKind Kind, Expression Body) Adapt(MethodInfo method, string name, MethodCallExpression call)
    {
        var returnType = method.ReturnType;
        if (returnType == typeof(Task))
        {
            return (typeof(VoidResult), GrainMethodReturnKind.Task, Expression.Call(typeof(VoidResult).GetMethod(nameof(VoidResult.FromTask))!, call));
        }

        if (returnType == typeof(ValueTask))
        {
            return (typeof(VoidResult), GrainMethodReturnKind.ValueTask, Expression.Call(typeof(VoidResult).GetMethod(nameof(VoidResult.FromValueTask))!, call));
        }

        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            return (returnType.GetGenericArguments()[0], GrainMethodReturnKind.Task, call);
        }

        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            var asTask = Expression.Call(call, returnType.GetMethod(nameof(ValueTask<int>.AsTask))!);
            return (returnType.GetGenericArguments()[0], GrainMethodReturnKind.ValueTaskOfResult, asTask);
        }

        throw new NotSupportedException($"Grain method {name} returns {returnType.Name}; grain methods must return Task, Task<T>, ValueTask or ValueTask<T>.");
    }
}
