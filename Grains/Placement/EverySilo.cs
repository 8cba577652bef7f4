namespace Medisettle.Grains.Placement;

/// <summary>
/// Calls a grain on every active silo at once — the per-silo grains placed by <see cref="SiloTargetedPlacementAttribute"/>
/// — each call bounded by a timeout; a silo that fails or does not answer in time is reported, never thrown.
/// How cluster-wide reference data (policy packs, institution profiles) reaches every silo's cache.
/// </summary>
public static class EverySilo
{
    /// <summary>Calls <paramref name="call"/> on each active silo's <typeparamref name="TGrain"/>; returns how many succeeded of how many silos.</summary>
    public static async Task<(int Succeeded, int Silos)> CallAsync<TGrain>(
        IGrainFactory grains, TimeSpan timeout, Func<TGrain, Task<bool>> call, Action<SiloAddress, Exception> failed)
        where TGrain : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(failed);
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        var results = await Task.WhenAll(hosts.Keys.Select(async silo =>
        {
            try
            {
                return await call(grains.GetGrain<TGrain>(silo.ToParsableString())).WaitAsync(timeout);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                failed(silo, e);
                return false;
            }
        }));
        return (results.Count(r => r), hosts.Count);
    }
}
