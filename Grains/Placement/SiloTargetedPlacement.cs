namespace Medisettle.Grains.Placement;

/// <summary>
/// Places a grain on the silo named by its key (<see cref="SiloAddress.ToParsableString"/>), so the cluster can
/// reach every silo with a grain call (one grain per silo). Orleans has no built-in strategy for this.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed class SiloTargetedPlacement : PlacementStrategy
{
    /// <summary>Activations are registered in the grain directory like any other grain's.</summary>
    public override bool IsUsingGrainDirectory => true;
}
