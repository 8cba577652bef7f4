using Medisettle.Storage.GroupCommit;
using Medisettle.Storage.Hosting;
using Medisettle.Storage.Journal;
using Npgsql;
using Orleans.Storage;

namespace Medisettle.Storage.Tests;

[Collection(PostgresCollection.Name)]
public sealed class PostgresStorageTests(PostgresFixture postgres) : StorageSuite
{
    private static readonly TimeSpan WaitMax = TimeSpan.FromSeconds(30);

    protected override async Task<GroupCommitGrainStorage> CreateStorageAsync(Action<GroupCommitStorageOptions> configure)
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync($"t{Guid.NewGuid():N}");
        return TestStorages.Postgres(connectionString, o => configure(o));
    }

    /// <summary>
    /// Two silos' storages on one database. An older activation's append is in flight (its transaction holds the row's
    /// share lock and its entry is not yet committed) when a newer activation on the other silo makes its first write,
    /// fenced at the stream's end it replayed. The newer write waits for the row, then its fence sees the entry that
    /// committed meanwhile, and it is refused: it never overwrites a state that lacks that entry.
    /// </summary>
    [Fact]
    public async Task A_claim_waits_for_an_append_in_flight_and_its_fence_then_refuses_it()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync($"t{Guid.NewGuid():N}");
        await using var older = TestStorages.Postgres(connectionString);
        await using var newer = TestStorages.Postgres(connectionString);
        await older.StartAsync(CancellationToken.None);
        await newer.StartAsync(CancellationToken.None);
        var olderState = new GrainState<Box>(new Box("v1"));
        await older.WriteStateAsync("s", Id, olderState, [], CancellationToken.None);
        var newerState = new GrainState<Box>(new Box("v1"), olderState.ETag);

        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        older.BeforeCommitForTesting = async () =>
        {
            held.TrySetResult();
            await release.Task;
        };
        var append = older.AppendAsync("s", Id, olderState, [new JournalAppend("p", "a1", "{}")], CancellationToken.None);
        await held.Task.WaitAsync(WaitMax);

        newerState.State!.Value = "newer, without a1";
        var claim = newer.WriteStateAsync("s", Id, newerState, [], new StreamFence("p", 0), CancellationToken.None);
        await WaitForALockWaitAsync(connectionString);
        Assert.False(claim.IsCompleted);
        release.SetResult();

        await append;
        await Assert.ThrowsAsync<InconsistentStateException>(() => claim);
        var read = new GrainState<Box>(new Box("unread"));
        await newer.ReadStateAsync("s", Id, read);
        Assert.Equal(("v1", "1"), (read.State!.Value, read.ETag));
        Assert.Equal(["a1"], (await newer.ReadOwnStreamAsync("p", 0, 10)).Select(e => e.EntryId));
    }

    /// <summary>The other order: once a newer activation's claim holds the row, an older activation's append waits and is refused.</summary>
    [Fact]
    public async Task An_append_waits_for_a_claim_in_flight_and_is_then_refused()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync($"t{Guid.NewGuid():N}");
        await using var older = TestStorages.Postgres(connectionString);
        await using var newer = TestStorages.Postgres(connectionString);
        await older.StartAsync(CancellationToken.None);
        await newer.StartAsync(CancellationToken.None);
        var olderState = new GrainState<Box>(new Box("v1"));
        await older.WriteStateAsync("s", Id, olderState, [], CancellationToken.None);
        var newerState = new GrainState<Box>(new Box("v2"), olderState.ETag);

        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        newer.BeforeCommitForTesting = async () =>
        {
            held.TrySetResult();
            await release.Task;
        };
        var claim = newer.WriteStateAsync("s", Id, newerState, [], new StreamFence("p", 0), CancellationToken.None);
        await held.Task.WaitAsync(WaitMax);

        var append = older.AppendAsync("s", Id, olderState, [new JournalAppend("p", "stale", "{}")], CancellationToken.None);
        await WaitForALockWaitAsync(connectionString);
        Assert.False(append.IsCompleted);
        release.SetResult();

        await claim;
        await Assert.ThrowsAsync<InconsistentStateException>(() => append);
        Assert.Null(await newer.FindAsync("stale"));
        Assert.Equal("2", newerState.ETag);
    }

    private static GrainId Id { get; } = GrainId.Create("test", "k");

    /// <summary>Waits until a session of the database waits for a lock (the second writer reached the row).</summary>
    private static async Task WaitForALockWaitAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", connection);
        var deadline = DateTime.UtcNow + WaitMax;
        while (Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "no session waited for the row's lock");
            await Task.Delay(20);
        }
    }
}
