using Orleans.Placement;

namespace Medisettle.Grains.Placement;

/// <summary>Marks a grain class whose key is a silo address and whose activation must live on that silo.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class SiloTargetedPlacementAttribute() : PlacementAttribute(new SiloTargetedPlacement());
