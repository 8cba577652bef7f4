using Medisettle.Runtime.Configuration;
using Medisettle.Runtime.Hosting;
using Medisettle.Runtime.Journal;
using Medisettle.Runtime.Storage;
using Medisettle.Runtime.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Medisettle.Runtime.Tests;

/// <summary>The storage contract, written once and run against every provider.</summary>
public abstract class StorageSuite : IAsyncLifetime
{
    private const int PartitionCount = 1024;
    private static readonly TimeSpan WaitMax = TimeSpan.FromSeconds(30);
    private readonly List<TestCluster> _clusters = [];

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var cluster in _clusters)
        {
            await cluster.DisposeAsync();
        }
    }

    /// <summary>A fresh, empty storage for one test.</summary>
    protected abstract Task<TestStorage> CreateStorageAsync(Action<GroupCommitOptions> configure);

    [Fact]
    public async Task Group_commit_batches_concurrent_writers_into_far_fewer_transactions()
    {
        var (_, storage) = await StartAsync(o => o.GroupCommitWindow = TimeSpan.FromMilliseconds(2));
        const int Writers = 500;

        var versions = await Task.WhenAll(Enumerable.Range(0, Writers).Select(i => storage.WriteAsync(Write($"k{i}", 0, $"{{\"v\":{i}}}"))));

        Assert.All(versions, v => Assert.Equal(1, v));
        Assert.Equal(Writers, storage.Statistics.WritesCommitted);
        Assert.InRange(storage.Statistics.TransactionsCommitted, 1, Writers / 10);
        Assert.Equal("{\"v\":7}", (await storage.ReadAsync(Id("k7"), "s")).Payload);
    }

    [Fact]
    public async Task Without_group_commit_every_write_is_its_own_transaction()
    {
        var (_, storage) = await StartAsync(o => o.GroupCommitEnabled = false);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => storage.WriteAsync(Write($"k{i}", 0, "{}"))));

        Assert.Equal(20, storage.Statistics.TransactionsCommitted);
        Assert.Equal(20, storage.Statistics.WritesCommitted);
    }

    [Fact]
    public async Task No_writer_is_acknowledged_before_its_batch_commits()
    {
        var fence = new GateFence();
        var (_, storage) = await StartAsync(_ => { }, fence);

        var writes = Enumerable.Range(0, 50).Select(i => storage.WriteAsync(Write($"k{i}", 0, "{}"))).ToList();
        await fence.Entered.Task.WaitAsync(WaitMax);
        var acknowledgedWhileOpen = writes.Count(w => w.IsCompleted);
        var visibleWhileOpen = await storage.ReadAsync(Id("k0"), "s");
        fence.Release.SetResult();
        await Task.WhenAll(writes);

        Assert.Equal(0, acknowledgedWhileOpen);
        Assert.Equal(0, visibleWhileOpen.Version);
        Assert.Equal(1, (await storage.ReadAsync(Id("k0"), "s")).Version);
        Assert.Equal(1, (await storage.ReadAsync(Id("k49"), "s")).Version);
    }

    [Fact]
    public async Task Version_conflict_fails_the_second_writer_and_keeps_the_first()
    {
        var (_, storage) = await StartAsync(_ => { });
        await storage.WriteAsync(Write("k", 0, "\"v1\""));

        var first = storage.WriteAsync(Write("k", 1, "\"first\""));
        var second = storage.WriteAsync(Write("k", 1, "\"second\""));

        Assert.Equal(2, await first);
        var error = await Assert.ThrowsAsync<StorageConflictException>(() => second);
        Assert.Equal(1, error.ExpectedVersion);
        Assert.Equal(new GrainStateRecord(2, "\"first\""), await storage.ReadAsync(Id("k"), "s"));
    }

    [Fact]
    public async Task Insert_of_an_existing_record_is_a_conflict()
    {
        var (_, storage) = await StartAsync(_ => { });
        await storage.WriteAsync(Write("k", 0, "\"a\""));

        await Assert.ThrowsAsync<StorageConflictException>(() => storage.WriteAsync(Write("k", 0, "\"b\"")));

        Assert.Equal(new GrainStateRecord(1, "\"a\""), await storage.ReadAsync(Id("k"), "s"));
    }

    [Fact]
    public async Task One_conflicting_write_in_a_batch_fails_only_its_caller()
    {
        var fence = new GateFence();
        var (_, storage) = await StartAsync(_ => { }, fence);
        var existing = storage.WriteAsync(Write("existing", 0, "{}")); // held open at the fence
        await fence.Entered.Task.WaitAsync(WaitMax);

        var good = Enumerable.Range(0, 30).Select(i => storage.WriteAsync(Write($"g{i}", 0, "{}"))).ToList();
        var bad = storage.WriteAsync(Write("existing", 5, "{}"));
        fence.Release.SetResult();
        await existing;
        await Task.WhenAll(good);

        await Assert.ThrowsAsync<StorageConflictException>(() => bad);
        Assert.All(good, g => Assert.Equal(1, g.Result));
        Assert.Equal(1, storage.Statistics.WritesRejected);
        Assert.Equal(31, storage.Statistics.WritesCommitted);
        Assert.Equal(2, storage.Statistics.TransactionsCommitted); // the held one, then all 31 queued behind it
        Assert.Equal(0, storage.Statistics.BatchesFailed);
    }

    [Fact]
    public async Task Journal_append_joins_the_state_transaction()
    {
        var (_, storage) = await StartAsync(_ => { });
        var journal = (IJournal)storage;
        await storage.WriteAsync(Write("k", 0, "\"v1\""));

        var conflicting = Write("k", 7, "\"v2\"", new JournalAppend("s1", "e-lost", "{}"));
        await Assert.ThrowsAsync<StorageConflictException>(() => storage.WriteAsync(conflicting));
        await storage.WriteAsync(Write("k", 1, "\"v2\"", new JournalAppend("s1", "e1", "{\"n\":1}"), new JournalAppend("s2", "e2", "{\"n\":2}")));

        Assert.Null(await journal.FindAsync("e-lost"));
        var e1 = await journal.FindAsync("e1");
        Assert.NotNull(e1);
        Assert.Equal(("s1", "{\"n\":1}"), (e1.Stream, e1.Payload));
        Assert.Equal(["e2"], (await journal.ReadAsync("s2", 0, 10)).Select(e => e.EntryId));
        Assert.Equal(["e1", "e2"], (await journal.ReadAllAsync(0, 10)).Select(e => e.EntryId));
        Assert.Empty(await journal.ReadAllAsync(e1.Sequence + 1, 10));
        Assert.Equal(["e1"], (await journal.ReadByStreamPrefixAsync("s1", 0, 10)).Select(e => e.EntryId));
        Assert.Equal(["e1", "e2"], (await journal.ReadByStreamPrefixAsync("s", 0, 10)).Select(e => e.EntryId));
        Assert.Equal(["e2"], (await journal.ReadByStreamPrefixAsync("s", e1.Sequence, 10)).Select(e => e.EntryId));
        Assert.Empty(await journal.ReadByStreamPrefixAsync("t", 0, 10));
    }

    [Fact]
    public async Task Duplicate_journal_entry_id_is_rejected_and_leaves_the_state_unchanged()
    {
        var (_, storage) = await StartAsync(_ => { });
        await storage.WriteAsync(Write("a", 0, "\"a1\"", new JournalAppend("s", "dup", "{}")));

        var error = await Assert.ThrowsAsync<DuplicateJournalEntryException>(
            () => storage.WriteAsync(Write("b", 0, "\"b1\"", new JournalAppend("s", "fresh", "{}"), new JournalAppend("s", "dup", "{}"))));

        Assert.Equal("dup", error.EntryId);
        Assert.Equal(0, (await storage.ReadAsync(Id("b"), "s")).Version);
        Assert.Null(await ((IJournal)storage).FindAsync("fresh"));
        Assert.Single(await ((IJournal)storage).ReadAsync("s", 0, 10));
    }

    [Fact]
    public async Task Fenced_partition_fails_only_its_writes()
    {
        var fence = new GateFence();
        fence.Release.SetResult();
        fence.Rejected.Add(Id("fenced").Partition(PartitionCount));
        var (_, storage) = await StartAsync(_ => { }, fence);

        var fenced = storage.WriteAsync(Write("fenced", 0, "{}"));
        var allowed = storage.WriteAsync(Write("allowed", 0, "{}"));

        await Assert.ThrowsAsync<WriteFencedException>(() => fenced);
        Assert.Equal(1, await allowed);
        Assert.Equal(0, (await storage.ReadAsync(Id("fenced"), "s")).Version);
    }

    [Fact]
    public async Task Cleared_record_is_a_tombstone_and_a_stale_writer_still_conflicts()
    {
        var (_, storage) = await StartAsync(_ => { });
        await storage.WriteAsync(Write("k", 0, "\"a\""));

        Assert.Equal(2, await storage.WriteAsync(Write("k", 1, null)));

        Assert.Equal(new GrainStateRecord(2, null), await storage.ReadAsync(Id("k"), "s"));
        await Assert.ThrowsAsync<StorageConflictException>(() => storage.WriteAsync(Write("k", 1, "\"stale\"")));
        Assert.Equal(3, await storage.WriteAsync(Write("k", 2, "\"again\"")));
    }

    [Fact]
    public async Task Grain_state_survives_restart_and_clear_resets_it()
    {
        var (cluster, _) = await StartAsync(_ => { });
        var grain = cluster.Client.GetGrain<ICounterGrain>("person-1");
        await grain.IncrementAsync();
        await grain.IncrementWithJournalAsync([new JournalAppend("people", "p1-2", "{\"value\":2}")]);

        await cluster.RestartAsync();
        grain = cluster.Client.GetGrain<ICounterGrain>("person-1"); // references are bound to the silo that made them
        var afterRestart = await grain.GetAsync();
        var etag = await grain.GetEtagAsync();
        await grain.ClearAsync();

        Assert.Equal(2, afterRestart);
        Assert.Equal("2", etag);
        Assert.Equal(0, await grain.GetAsync());
        Assert.Null(await grain.GetEtagAsync());
        Assert.Equal(1, await grain.IncrementAsync());
        var journal = cluster.Services.GetRequiredService<IJournal>();
        Assert.Equal(["p1-2"], (await journal.ReadAsync("people", 0, 10)).Select(e => e.EntryId));
    }

    [Fact]
    public async Task Grain_write_with_duplicate_journal_entry_fails_only_that_call()
    {
        var (cluster, _) = await StartAsync(_ => { });
        var grain = cluster.Client.GetGrain<ICounterGrain>("person-2");
        await grain.IncrementWithJournalAsync([new JournalAppend("people", "once", "{}")]);

        await Assert.ThrowsAsync<DuplicateJournalEntryException>(() => grain.IncrementWithJournalAsync([new JournalAppend("people", "once", "{}")]));

        Assert.Equal(1, await grain.GetAsync());
        Assert.Equal(2, await grain.IncrementAsync());
    }

    private static GrainId Id(string key) => new("T", key);

    private static GrainStateWrite Write(string key, long expected, string? payload, params JournalAppend[] appends) =>
        new(Id(key), "s", Id(key).Partition(PartitionCount), expected, payload, appends);

    private async Task<(TestCluster Cluster, IGrainStorage Storage)> StartAsync(Action<GroupCommitOptions> configure, IWriteFence? fence = null)
    {
        var storage = await CreateStorageAsync(configure);
        var cluster = await TestCluster.StartAsync(
            silo =>
            {
                silo.Services.AddSingleton(new GrainProbe());
                silo.AddGrain<ICounterGrain, CounterGrain>();
                if (fence is not null)
                {
                    silo.UseWriteFence(fence);
                }
            },
            storage);
        _clusters.Add(cluster);
        return (cluster, cluster.Services.GetRequiredService<IGrainStorage>());
    }
}
