namespace Medisettle.Runtime;

/// <summary>A client of the cluster (Orleans: <c>IClusterClient</c>); in-process it is the silo's grain factory.</summary>
public interface IClusterClient : IGrainFactory;
