namespace Medisettle.Storage.Tests;

/// <summary>A trivial grain for the clustering tests: answers with the address of the silo it lives on.</summary>
public interface IClusterProbeGrain : IGrainWithIntegerKey
{
    Task<string> GetSiloAsync();
}

/// <summary>Placed at random, so a two-silo cluster has activations on both silos.</summary>
[Orleans.Placement.RandomPlacement]
public sealed class ClusterProbeGrain(ILocalSiloDetails silo) : Grain, IClusterProbeGrain
{
    public Task<string> GetSiloAsync() => Task.FromResult(silo.SiloAddress.ToString());
}
