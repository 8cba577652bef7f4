using Medisettle.Storage.GroupCommit;
using Medisettle.Storage.Hosting;
using Medisettle.Storage.Journal;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Medisettle.Storage.Tests;

/// <summary>Two silos sharing one SQLite group-commit storage file; grains use the [JournaledState] facet.</summary>
public sealed class TwoSiloSqliteCluster : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"medisettle-cluster-{Guid.NewGuid():N}");

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var path = Path.Combine(_directory, "cluster.db");
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) => silo.AddSqliteGroupCommitStorageAsDefault(o =>
        {
            o.DatabasePath = path;
            o.Synchronous = SqliteSynchronousMode.Normal;
        }));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    public GroupCommitGrainStorage Storage(int silo = 0) =>
        Cluster.GetSiloServiceProvider(Cluster.Silos[silo].SiloAddress).GetRequiredService<GroupCommitGrainStorage>();
}

public sealed class JournaledStateClusterTests(TwoSiloSqliteCluster fixture) : IClassFixture<TwoSiloSqliteCluster>
{
    private IClusterClient Client => fixture.Cluster.Client;

    [Fact]
    public async Task State_survives_deactivation_and_clear_resets_it()
    {
        var grain = Client.GetGrain<ICounterGrain>("survives");
        await grain.IncrementAsync();
        await grain.IncrementWithJournalAsync("people", ["survives-2"]);

        await fixture.Cluster.DeactivateAsync(grain);
        var afterReactivation = await grain.GetAsync();
        var etag = await grain.GetEtagAsync();
        await grain.ClearAsync();

        Assert.Equal(2, afterReactivation);
        Assert.Equal("2", etag);
        Assert.Equal(0, await grain.GetAsync());
        Assert.Equal(1, await grain.IncrementAsync());
        var entries = await fixture.Storage().ReadAsync("people", 0, 10);
        Assert.Equal(["survives-2"], entries.Select(e => e.EntryId));
        Assert.Equal("{\"value\":2}", entries[0].Payload);
    }

    [Fact]
    public async Task Duplicate_journal_entry_fails_only_that_call_and_the_activation_keeps_the_committed_state()
    {
        var grain = Client.GetGrain<ICounterGrain>("duplicate");
        await grain.IncrementWithJournalAsync("dup", ["once"]);

        var error = await Assert.ThrowsAsync<DuplicateJournalEntryException>(() => grain.IncrementWithJournalAsync("dup", ["twice", "once"]));

        Assert.Equal("once", error.EntryId);
        Assert.Equal(1, await grain.GetAsync());
        Assert.Null(await fixture.Storage().FindAsync("twice"));
        Assert.Equal(2, await grain.IncrementAsync());
    }

    [Fact]
    public async Task A_stale_activation_cannot_overwrite_a_newer_write()
    {
        var grain = Client.GetGrain<ICounterGrain>("stale");
        await grain.IncrementAsync();
        // Another activation of the same grain (e.g. during a membership change) commits first.
        var other = new GrainState<JournaledCounterState>(new JournaledCounterState { Value = 100 }, "1");
        await fixture.Storage(1).WriteStateAsync("counter", grain.GetGrainId(), other);

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.IncrementAsync());

        Assert.Equal(100, await grain.GetAsync()); // reloaded after the refused write
        Assert.Equal(101, await grain.IncrementAsync());
    }

    [Fact]
    public async Task Grains_on_both_silos_write_through_the_shared_storage()
    {
        var grains = Enumerable.Range(0, 40).Select(i => Client.GetGrain<ICounterGrain>($"spread-{i}")).ToList();

        var results = await Task.WhenAll(grains.Select(g => g.IncrementWithJournalAsync("spread", [$"spread-{g.GetPrimaryKeyString()}"])));
        var silos = await Task.WhenAll(grains.Select(g => g.GetSiloAsync()));

        Assert.All(results, r => Assert.Equal(1, r));
        Assert.Equal(2, silos.Select(s => s[(s.IndexOf('@', StringComparison.Ordinal) + 1)..]).Distinct().Count());
        Assert.Equal(40, (await fixture.Storage().ReadAsync("spread", 0, 100)).Count);
    }
}
