using Orleans.Runtime.Placement;

namespace Medisettle.Grains.Placement;

/// <summary>
/// Puts the activation on the silo its key names; refuses when that silo is not an active, compatible member
/// (it left or died: the caller learns at once instead of reaching another silo).
/// </summary>
public sealed class SiloTargetedPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var key = target.GrainIdentity.Key.ToString();
        SiloAddress wanted;
        try
        {
            wanted = SiloAddress.FromParsableString(key);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or IndexOutOfRangeException)
        {
            throw new OrleansException($"Grain {target.GrainIdentity} is placed by silo address, but its key '{key}' is not one.");
        }

        foreach (var silo in context.GetCompatibleSilos(target))
        {
            if (silo.Equals(wanted))
            {
                return Task.FromResult(silo);
            }
        }

        throw new OrleansException($"Silo {key} is not an active member of the cluster; {target.GrainIdentity} cannot be placed there.");
    }
}
