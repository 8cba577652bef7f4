using Medisettle.Storage.GroupCommit;
using Medisettle.Storage.Journal;
using Npgsql;

namespace Medisettle.Storage.Tests;

/// <summary>
/// Several silos' writers commit to one PostgreSQL journal at once. A sequence taken early and committed late
/// would become visible after a larger one, and a reader past the larger one would skip it for good. The writers
/// therefore take journal sequences in commit order: this test holds one writer's transaction open just before
/// COMMIT, with its journal row inserted, and shows the other writer waits rather than committing a larger
/// sequence first.
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
    public async Task A_writer_that_takes_a_journal_sequence_commits_before_another_writer_can_take_a_larger_one()
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
        var late = WriteAsync(_second, "b", "late");
        var waiting = await WaitForAdvisoryLockWaiterAsync();
        var visibleWhileHeld = await _second.ReadAsync("order", 0, 10);
        release.SetResult();
        await Task.WhenAll(early, late);
        var entries = await _second.ReadAsync("order", 0, 10);

        Assert.True(waiting, "the second writer did not wait for the first writer's commit");
        Assert.Empty(visibleWhileHeld);
        Assert.Equal(["early", "late"], entries.Select(e => e.EntryId));
        Assert.True(entries[0].Sequence < entries[1].Sequence);
    }

    [Fact]
    public async Task A_writer_paused_inside_its_commit_is_cut_off_after_the_idle_timeout_and_the_other_writer_goes_on()
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
        resume.SetResult();
        var failure = await Record.ExceptionAsync(() => stuck.WaitAsync(WaitMax));
        var entries = await _second.ReadAsync("order", 0, 10);

        Assert.NotNull(failure);
        Assert.Equal(["goes-on"], entries.Select(e => e.EntryId));
    }

    private static Task WriteAsync(GroupCommitGrainStorage storage, string key, string entryId) =>
        storage.WriteStateAsync("s", GrainId.Create("test", key), new GrainState<StorageSuite.Box>(new StorageSuite.Box("v")), [new JournalAppend("order", entryId, "{}")], CancellationToken.None);

    /// <summary>True once some session of the test database waits on an advisory lock; false after <see cref="WaitMax"/>.</summary>
    private async Task<bool> WaitForAdvisoryLockWaiterAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'", connection);
        var deadline = DateTime.UtcNow + WaitMax;
        while (DateTime.UtcNow < deadline)
        {
            if ((long)(await command.ExecuteScalarAsync())! > 0)
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }

        return false;
    }
}
