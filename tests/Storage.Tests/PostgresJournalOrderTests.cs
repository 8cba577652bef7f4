using Medisettle.Storage.GroupCommit;
using Medisettle.Storage.Journal;

namespace Medisettle.Storage.Tests;

/// <summary>
/// Several silos' writers commit to one PostgreSQL journal at once, and a journal row takes its sequence at INSERT:
/// sequence 2 can commit while 1 is still in flight. A reader that moved its cursor past 2 would skip 1 for good.
/// These tests hold one writer's transaction open just before COMMIT, with its journal row inserted, and show that
/// the other writer does not wait for it, and that readers stop below the open transaction's sequence (the safe
/// point) until it has ended — committed or cut off.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresJournalOrderTests(PostgresFixture postgres) : IAsyncLifetime
{
    private static readonly TimeSpan WaitMax = TimeSpan.FromSeconds(20);
    private GroupCommitGrainStorage _first = null!;
    private GroupCommitGrainStorage _second = null!;
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        _connectionString = await postgres.Server.CreateDatabaseAsync($"t{Guid.NewGuid():N}");
        _first = TestStorages.Postgres(_connectionString);
        _second = TestStorages.Postgres(_connectionString);
        await _first.StartAsync(CancellationToken.None);
        await _second.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _first.StopAsync();
        await _second.StopAsync();
    }

    [Fact]
    public async Task A_later_sequence_committed_first_is_not_read_until_the_earlier_one_has_committed_and_no_writer_waits()
    {
        var inserted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _first.BeforeCommitForTesting = async () =>
        {
            inserted.TrySetResult();
            await release.Task;
        };

        var early = WriteAsync(_first, "a", "early");
        await inserted.Task.WaitAsync(WaitMax);
        await WriteAsync(_second, "b", "late").WaitAsync(WaitMax);
        var lateCommitted = await _second.FindAsync("late");
        var byStream = await _second.ReadAsync("order", 0, 10);
        var byPrefix = await _second.ReadByStreamPrefixAsync("ord", 0, 10);
        var all = await _second.ReadAllAsync(0, 10);
        release.SetResult();
        await early.WaitAsync(WaitMax);
        var entries = await _second.ReadAsync("order", 0, 10);

        Assert.NotNull(lateCommitted);
        Assert.Empty(byStream);
        Assert.Empty(byPrefix);
        Assert.Empty(all);
        Assert.Equal(["early", "late"], entries.Select(e => e.EntryId));
        Assert.True(entries[0].Sequence < entries[1].Sequence);
    }

    [Fact]
    public async Task An_older_transaction_committing_a_larger_sequence_does_not_let_readers_pass_a_newer_open_one()
    {
        // B takes its transaction id first, then A takes a newer one and inserts sequence 1 and stays open; B inserts 2
        // and commits. PostgreSQL's snapshot then lists no running transaction (A's id is above the newest completed
        // one), yet 1 is still in flight.
        var bHasItsId = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bGoOn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _second.BeforeWritesForTesting = async () =>
        {
            bHasItsId.TrySetResult();
            await bGoOn.Task;
        };
        var aInserted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var aCommit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _first.BeforeCommitForTesting = async () =>
        {
            aInserted.TrySetResult();
            await aCommit.Task;
        };

        var b = WriteAsync(_second, "b", "late");
        await bHasItsId.Task.WaitAsync(WaitMax);
        var a = WriteAsync(_first, "a", "early");
        await aInserted.Task.WaitAsync(WaitMax);
        bGoOn.SetResult();
        await b.WaitAsync(WaitMax);
        var whileOpen = await _second.ReadAsync("order", 0, 10);
        aCommit.SetResult();
        await a.WaitAsync(WaitMax);
        var entries = await _second.ReadAsync("order", 0, 10);

        Assert.Empty(whileOpen);
        Assert.Equal(["early", "late"], entries.Select(e => e.EntryId));
    }

    [Fact]
    public async Task A_writer_paused_inside_its_commit_is_cut_off_after_the_idle_timeout_and_the_entries_after_it_become_readable()
    {
        await using var paused = TestStorages.Postgres(_connectionString, o => o.IdleInTransactionTimeout = TimeSpan.FromSeconds(1));
        await paused.StartAsync(CancellationToken.None);
        var inserted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var resume = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        paused.BeforeCommitForTesting = async () =>
        {
            inserted.TrySetResult();
            await resume.Task;
        };

        var stuck = WriteAsync(paused, "a", "paused");
        await inserted.Task.WaitAsync(WaitMax);
        await WriteAsync(_second, "b", "goes-on").WaitAsync(WaitMax);
        var whilePaused = await _second.ReadAsync("order", 0, 10);
        var afterCutOff = await ReadUntilAnyAsync(_second);
        resume.SetResult();
        var failure = await Record.ExceptionAsync(() => stuck.WaitAsync(WaitMax));

        Assert.Empty(whilePaused);
        Assert.Equal(["goes-on"], afterCutOff.Select(e => e.EntryId));
        Assert.NotNull(failure);
        Assert.Null(await _second.FindAsync("paused"));
    }

    [Fact]
    public async Task With_nothing_in_flight_a_read_returns_every_committed_entry_at_once()
    {
        await WriteAsync(_first, "a", "one");
        await WriteAsync(_second, "b", "two");

        Assert.Equal(["one", "two"], (await _first.ReadAsync("order", 0, 10)).Select(e => e.EntryId));
        Assert.Equal(["two"], (await _first.ReadByStreamPrefixAsync("order", (await _first.FindAsync("one"))!.Sequence, 10)).Select(e => e.EntryId));
    }

    private static Task WriteAsync(GroupCommitGrainStorage storage, string key, string entryId) =>
        storage.WriteStateAsync("s", GrainId.Create("test", key), new GrainState<StorageSuite.Box>(new StorageSuite.Box("v")), [new JournalAppend("order", entryId, "{}")], CancellationToken.None);

    private static async Task<IReadOnlyList<JournalEntry>> ReadUntilAnyAsync(GroupCommitGrainStorage storage)
    {
        var deadline = DateTime.UtcNow + WaitMax;
        while (true)
        {
            var entries = await storage.ReadAsync("order", 0, 10);
            if (entries.Count > 0 || DateTime.UtcNow >= deadline)
            {
                return entries;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }
}
