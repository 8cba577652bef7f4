using System.Reflection;
using Medisettle.Runtime.Catalog;

namespace Medisettle.Runtime.GrainReferences;

/// <summary>The in-process grain factory and cluster client of a silo.</summary>
internal sealed class GrainFactory(GrainCatalog catalog, GrainTypeRegistry registry) : IClusterClient
{
    public TGrainInterface GetGrain<TGrainInterface>(string key)
        where TGrainInterface : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(key);
        var grainType = registry.GetGrainType(typeof(TGrainInterface));
        var reference = DispatchProxy.Create<TGrainInterface, GrainProxy>();
        ((GrainProxy)(object)reference).Initialize(new GrainId(grainType, key), catalog);
        return reference;
    }
}
