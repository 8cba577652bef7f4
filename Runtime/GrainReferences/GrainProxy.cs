using System.Reflection;
using Medisettle.Runtime.Catalog;

namespace Medisettle.Runtime.GrainReferences;

/// <summary>
/// A typed grain reference (Orleans: <c>GrainReference</c>): a <see cref="DispatchProxy"/> implementing the
/// grain interface whose methods queue calls into the activation's mailbox.
/// </summary>
public class GrainProxy : DispatchProxy
{
    private GrainCatalog? _catalog;

    public GrainId GrainId { get; private set; }

    internal GrainCatalog Catalog => _catalog ?? throw new InvalidOperationException("Grain reference was not initialized.");

    internal void Initialize(GrainId grainId, GrainCatalog catalog)
    {
        GrainId = grainId;
        _catalog = catalog;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        return GrainMethod.For(targetMethod).Dispatch(this, args ?? []);
    }
}
