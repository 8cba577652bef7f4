using Medisettle.Runtime.Scheduling;

namespace Medisettle.Runtime.GrainReferences;

internal sealed class GrainMethod<TResult>(Func<object, object?[], Task<TResult>> invoker, string name, GrainMethodReturnKind kind) : GrainMethod
{
    public override object Dispatch(GrainProxy proxy, object?[] arguments)
    {
        var call = new GrainCall<TResult>(invoker, arguments, name);
        var task = proxy.Catalog.InvokeAsync(proxy.GrainId, call);
        return kind switch
        {
            GrainMethodReturnKind.ValueTask => new ValueTask(task),
            GrainMethodReturnKind.ValueTaskOfResult => new ValueTask<TResult>(task),
            _ => task,
        };
    }
}
