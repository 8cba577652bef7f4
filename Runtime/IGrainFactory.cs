namespace Medisettle.Runtime;

/// <summary>Creates typed references to grains (Orleans: <c>IGrainFactory</c>).</summary>
public interface IGrainFactory
{
    /// <summary>
    /// Returns a reference whose calls are routed to the activation for <paramref name="key"/>;
    /// the activation is created on the first call. Creating a reference does no I/O.
    /// </summary>
    TGrainInterface GetGrain<TGrainInterface>(string key)
        where TGrainInterface : IGrainWithStringKey;
}
