using System.Collections.Concurrent;
using Xunit;

namespace Medisettle.Grains.Tests.Settlement;

/// <summary>
/// The settlement clusters a test collection shares (its tests run one after another): the cluster with the default
/// options, started with the collection; a cluster with another <see cref="SettlementOptions.RecentMessagesMax"/>; and
/// a cluster whose tests restart every silo, kept apart so no other test runs on a cluster just restarted. The last
/// two start when a test first asks for them. Each test gets its own <see cref="SettlementWorld"/> of the cluster.
/// </summary>
public abstract class SharedClusters : IAsyncLifetime
{
    private const string DefaultKey = "default";
    private const string RestartableKey = "restartable";
    private const string ScheduledKey = "scheduled";
    private static readonly int DefaultRecentMessagesMax = new SettlementOptions().RecentMessagesMax;

    private readonly ConcurrentDictionary<string, Lazy<Task<SettlementCluster>>> _clusters = new(StringComparer.Ordinal);

    /// <summary>A PostgreSQL connection string to a fresh database, or null for a fresh SQLite file.</summary>
    protected abstract Task<string?> CreateStorageAsync();

    public virtual async Task InitializeAsync() => await ClusterAsync(DefaultKey, configure: null);

    public virtual async Task DisposeAsync()
    {
        foreach (var cluster in _clusters.Values.Where(c => c.IsValueCreated && c.Value.IsCompletedSuccessfully))
        {
            await (await cluster.Value).DisposeAsync();
        }
    }

    /// <summary>A new world on the collection's cluster with the default options.</summary>
    internal async Task<SettlementWorld> WorldAsync() => await (await ClusterAsync(DefaultKey, configure: null)).NewWorldAsync();

    /// <summary>A new world on the collection's cluster whose person grains remember <paramref name="recentMessagesMax"/> answers.</summary>
    internal async Task<SettlementWorld> WorldAsync(int recentMessagesMax) =>
        recentMessagesMax == DefaultRecentMessagesMax
            ? await WorldAsync()
            : await (await ClusterAsync($"recent-messages-{recentMessagesMax}", o => o.RecentMessagesMax = recentMessagesMax)).NewWorldAsync();

    /// <summary>A new world on the collection's cluster for tests that restart every silo.</summary>
    internal async Task<SettlementWorld> RestartableWorldAsync() => await (await ClusterAsync(RestartableKey, configure: null)).NewWorldAsync();

    /// <summary>
    /// A new world on the collection's cluster whose silos register the fund jobs' reminders (the others do not: a tick
    /// would pay out or close other tests' settlements); for the tests of the reminders themselves, which may restart it.
    /// </summary>
    internal async Task<SettlementWorld> ScheduledWorldAsync() => await (await ClusterAsync(ScheduledKey, configure: null, scheduleFundJobs: true)).NewWorldAsync();

    private Task<SettlementCluster> ClusterAsync(string key, Action<SettlementOptions>? configure, bool scheduleFundJobs = false) =>
        _clusters.GetOrAdd(key, _ => new Lazy<Task<SettlementCluster>>(async () =>
            await SettlementCluster.StartAsync(await CreateStorageAsync(), configure, scheduleFundJobs: scheduleFundJobs))).Value;
}
