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
    /// lock and its entry is not yet committed) when a newer activation on the other silo makes its first write,
    /// fenced at the stream's end it replayed. The newer write waits for the row, then its fence sees the entry that
    /// committed meanwhile, and it is refused: it never overwrites a state that lacks that entry.
    /// </summary>
    [Fact]
    public async Task A_claim_waits_for_an_append_in_flight_and_its_fence_then_refuses_it()
    {
        await using var race = await Race.StartAsync(postgres);
        race.Newer.State!.Value = "newer, without a1";

        var (append, claim) = await race.RunAsync(
            holding: race.OlderStorage,
            first: () => race.OlderStorage.AppendAsync("s", Id, race.Older, [new JournalAppend("p", "a1", "{}")], new StreamFence("p", null), CancellationToken.None),
            second: () => race.NewerStorage.WriteStateAsync("s", Id, race.Newer, [], new StreamFence("p", null), CancellationToken.None));

        await append;
        await Assert.ThrowsAsync<InconsistentStateException>(() => claim);
        var read = new GrainState<Box>(new Box("unread"));
        await race.NewerStorage.ReadStateAsync("s", Id, read);
        Assert.Equal(("v1", "1"), (read.State!.Value, read.ETag));
        Assert.Equal(["a1"], (await race.NewerStorage.ReadOwnStreamAsync("p", 0, 10)).Select(e => e.EntryId));
    }

    /// <summary>
    /// On PostgreSQL grain states and journal payloads are stored compressed (both columns bytea), or as the JSON's bytes
    /// with compression off: both read back as written.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task States_and_journal_payloads_are_stored_compressed_and_read_back(bool compressJournal)
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync($"t{Guid.NewGuid():N}");
        await using var storage = TestStorages.Postgres(connectionString, o => o.CompressJournalPayloads = compressJournal);
        await storage.StartAsync(CancellationToken.None);
        var value = string.Join(' ', Enumerable.Range(0, 40).Select(i => $"item {i} paid 12.{i:D2}"));
        var json = JournalJson();
        await storage.WriteStateAsync("s", Id, new GrainState<Box>(new Box(value)), [new JournalAppend("p", "e1", json)], CancellationToken.None);

        var (state, stateLength) = await StoredAsync(connectionString, "SELECT substring(payload from 1 for 2), length(payload) FROM grain_state");
        var (entry, entryLength) = await StoredAsync(connectionString, "SELECT substring(payload from 1 for 2), length(payload) FROM journal WHERE entry_id = 'e1'");

        Assert.Equal(new byte[] { 0, Compression.PayloadCodec.CurrentDictionary }, state);
        Assert.True(stateLength < value.Length, $"{stateLength} bytes stored for a state of {value.Length} characters");
        if (compressJournal)
        {
            Assert.Equal(new byte[] { 0, Compression.PayloadCodec.CurrentDictionary }, entry);
            Assert.True(entryLength < json.Length / 4, $"{entryLength} bytes stored for a payload of {json.Length}");
        }
        else
        {
            Assert.Equal("{\""u8.ToArray(), entry);
            Assert.Equal(json.Length, entryLength);
        }

        var read = new GrainState<Box>();
        await storage.ReadStateAsync("s", Id, read);
        Assert.Equal(value, read.State?.Value);
        Assert.Equal(json, (await storage.FindAsync("e1"))!.Payload);
        Assert.Equal([json], (await storage.ReadAsync("p", 0, 10)).Select(e => e.Payload));
    }

    /// <summary>
    /// A journal created before payloads were stored as bytea (its column is text) keeps them as JSON text: this version
    /// writes to it and reads it, and its rows and new ones read alike.
    /// </summary>
    [Fact]
    public async Task A_journal_whose_payload_column_is_text_keeps_JSON_text_and_reads_back()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync($"t{Guid.NewGuid():N}");
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand(
                "CREATE TABLE journal (sequence bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, stream text NOT NULL, entry_id text NOT NULL UNIQUE, " +
                "payload text NOT NULL, created_at timestamptz NOT NULL); " +
                "INSERT INTO journal (stream, entry_id, payload, created_at) VALUES ('p', 'old', '{\"n\":1}', now())", connection);
            await create.ExecuteNonQueryAsync();
        }

        await using var storage = TestStorages.Postgres(connectionString);
        await storage.StartAsync(CancellationToken.None);
        var json = JournalJson();
        var state = new GrainState<Box>(new Box("v"));
        await storage.WriteStateAsync("s", Id, state, [new JournalAppend("p", "new", json)], CancellationToken.None);
        await storage.AppendAsync("s", Id, state, [new JournalAppend("p", "newer", "{\"n\":3}")], null, CancellationToken.None);

        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT pg_typeof(payload)::text, payload FROM journal WHERE entry_id = 'new'", connection);
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal(("text", json), (reader.GetString(0), reader.GetString(1)));
        }

        Assert.Equal(["{\"n\":1}", json, "{\"n\":3}"], (await storage.ReadAsync("p", 0, 10)).Select(e => e.Payload));
        Assert.Equal(json, (await storage.FindAsync("new"))!.Payload);

        // The conversion docs/architecture.md gives the operator: the old rows read as the JSON they were, and a storage
        // started after it compresses what it writes.
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var convert = new NpgsqlCommand("ALTER TABLE journal ALTER COLUMN payload TYPE bytea USING convert_to(payload, 'UTF8')", connection);
            await convert.ExecuteNonQueryAsync();
        }

        await using var restarted = TestStorages.Postgres(connectionString);
        await restarted.StartAsync(CancellationToken.None);
        await restarted.AppendAsync("s", Id, state, [new JournalAppend("p", "after", json)], null, CancellationToken.None);
        var (head, length) = await StoredAsync(connectionString, "SELECT substring(payload from 1 for 2), length(payload) FROM journal WHERE entry_id = 'after'");
        Assert.Equal(new byte[] { 0, Compression.PayloadCodec.CurrentDictionary }, head);
        Assert.True(length < json.Length / 4, $"{length} bytes stored for a payload of {json.Length}");
        Assert.Equal(["{\"n\":1}", json, "{\"n\":3}", json], (await restarted.ReadAsync("p", 0, 10)).Select(e => e.Payload));
    }

    /// <summary>A payload of the shape the journal holds (repeated member names and phrases), long enough to compress.</summary>
    /// <summary>
    /// The database rolls a batch's transaction back for a deadlock (as two silos' batches locking shared rows in opposite
    /// orders did): the batch runs again and its writes commit once, their appends included; the callers never see it.
    /// </summary>
    [Fact]
    public async Task A_batch_the_database_rolls_back_for_a_deadlock_runs_again_and_commits_once()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync($"t{Guid.NewGuid():N}");
        await using var storage = TestStorages.Postgres(connectionString);
        await storage.StartAsync(CancellationToken.None);
        var deadlocks = 2;
        storage.BeforeCommitForTesting = () => Interlocked.Decrement(ref deadlocks) >= 0
            ? throw new PostgresException("deadlock detected", "ERROR", "ERROR", PostgresErrorCodes.DeadlockDetected)
            : Task.CompletedTask;
        var state = new GrainState<Box>(new Box("v1"));

        await storage.WriteStateAsync("s", Id, state, [new JournalAppend("p", "e1", "{}")], CancellationToken.None);

        Assert.Equal("1", state.ETag);
        Assert.Equal(["e1"], (await storage.ReadOwnStreamAsync("p", 0, 10)).Select(e => e.EntryId));
        Assert.Equal(0, storage.Statistics.BatchesFailed);
    }

    /// <summary>A third deadlock in a row fails the batch's callers with the database's error; nothing was written.</summary>
    [Fact]
    public async Task A_batch_rolled_back_three_times_fails_and_writes_nothing()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync($"t{Guid.NewGuid():N}");
        await using var storage = TestStorages.Postgres(connectionString);
        await storage.StartAsync(CancellationToken.None);
        storage.BeforeCommitForTesting = () => throw new PostgresException("deadlock detected", "ERROR", "ERROR", PostgresErrorCodes.DeadlockDetected);

        var error = await Assert.ThrowsAsync<PostgresException>(
            () => storage.WriteStateAsync("s", Id, new GrainState<Box>(new Box("v1")), [new JournalAppend("p", "e1", "{}")], CancellationToken.None));

        Assert.Equal(PostgresErrorCodes.DeadlockDetected, error.SqlState);
        storage.BeforeCommitForTesting = null;
        Assert.Empty(await storage.ReadOwnStreamAsync("p", 0, 10));
        Assert.Equal(1, storage.Statistics.BatchesFailed);
    }

    private static string JournalJson() =>
        "{\"trace\":[" + string.Join(',', Enumerable.Range(0, 20).Select(i => $"\"step {i}: total 385.45 = funds 0.00\"")) + "]}";

    /// <summary>The first two bytes of the one payload <paramref name="sql"/> selects, and its length in bytes.</summary>
    private static async Task<(byte[] Head, int Length)> StoredAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), sql);
        return ((byte[])reader.GetValue(0), reader.GetInt32(1));
    }

    /// <summary>The other order: once a newer activation's claim holds the row, an older activation's append waits and is refused.</summary>
    [Fact]
    public async Task An_append_waits_for_a_claim_in_flight_and_is_then_refused()
    {
        await using var race = await Race.StartAsync(postgres);
        race.Newer.State!.Value = "v2";

        var (claim, append) = await race.RunAsync(
            holding: race.NewerStorage,
            first: () => race.NewerStorage.WriteStateAsync("s", Id, race.Newer, [], new StreamFence("p", null), CancellationToken.None),
            second: () => race.OlderStorage.AppendAsync("s", Id, race.Older, [new JournalAppend("p", "stale", "{}")], new StreamFence("p", null), CancellationToken.None));

        await claim;
        await Assert.ThrowsAsync<InconsistentStateException>(() => append);
        Assert.Null(await race.NewerStorage.FindAsync("stale"));
        Assert.Equal("2", race.Newer.ETag);
    }

    /// <summary>
    /// Two activations on two silos append without rewriting the row, both fenced at the same (empty) stream: the second
    /// waits for the first's row lock, then its fence sees the first's entry and it is refused. With a share lock the two
    /// would not wait for each other and both would commit.
    /// </summary>
    [Fact]
    public async Task An_append_waits_for_another_append_in_flight_and_its_fence_then_refuses_it()
    {
        await using var race = await Race.StartAsync(postgres);

        var (first, second) = await race.RunAsync(
            holding: race.OlderStorage,
            first: () => race.OlderStorage.AppendAsync("s", Id, race.Older, [new JournalAppend("p", "first", "{}")], new StreamFence("p", null), CancellationToken.None),
            second: () => race.NewerStorage.AppendAsync("s", Id, race.Newer, [new JournalAppend("p", "second", "{}")], new StreamFence("p", null), CancellationToken.None));

        await first;
        await Assert.ThrowsAsync<InconsistentStateException>(() => second);
        Assert.Equal(["first"], (await race.NewerStorage.ReadOwnStreamAsync("p", 0, 10)).Select(e => e.EntryId));
        Assert.Equal(("1", "1"), (race.Older.ETag, race.Newer.ETag));
    }

    /// <summary>
    /// The dialect's connections prepare a statement they run repeatedly (Npgsql's automatic preparation), so the
    /// writer's statements are parsed and planned once per connection; a connection string's own setting wins.
    /// </summary>
    [Theory]
    [InlineData(null, 1L)]
    [InlineData("Max Auto Prepare=0", 0L)]
    public async Task Statements_run_repeatedly_are_prepared_unless_the_connection_string_says_otherwise(string? setting, long expected)
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync($"t{Guid.NewGuid():N}");
        if (setting is not null)
        {
            connectionString = $"{connectionString};{setting}";
        }

        var dialect = new Dialects.PostgresDialect(new PostgresStorageOptions { ConnectionString = connectionString });
        await using var connection = await dialect.OpenConnectionAsync(CancellationToken.None);
        for (var i = 0; i < 6; i++)
        {
            await using var repeated = connection.CreateCommand();
            repeated.CommandText = "SELECT count(*) FROM pg_class WHERE relname = 'no such relation'";
            await repeated.ExecuteScalarAsync();
        }

        await using var prepared = connection.CreateCommand();
        prepared.CommandText = "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%no such relation%'";
        Assert.Equal(expected, (long)(await prepared.ExecuteScalarAsync())!);
    }

    private static GrainId Id { get; } = GrainId.Create("test", "k");

    /// <summary>
    /// Two storages on one new database, and one grain state written by the older one (version 1), as two activations
    /// hold it: <see cref="Older"/> wrote it, <see cref="Newer"/> read it.
    /// </summary>
    private sealed class Race : IAsyncDisposable
    {
        private Race(string connectionString, GroupCommitGrainStorage older, GroupCommitGrainStorage newer)
        {
            ConnectionString = connectionString;
            OlderStorage = older;
            NewerStorage = newer;
        }

        public string ConnectionString { get; }

        public GroupCommitGrainStorage OlderStorage { get; }

        public GroupCommitGrainStorage NewerStorage { get; }

        public GrainState<Box> Older { get; } = new(new Box("v1"));

        public GrainState<Box> Newer { get; private set; } = new(new Box("v1"));

        public static async Task<Race> StartAsync(PostgresFixture postgres)
        {
            var connectionString = await postgres.Server.CreateDatabaseAsync($"t{Guid.NewGuid():N}");
            var race = new Race(connectionString, TestStorages.Postgres(connectionString), TestStorages.Postgres(connectionString));
            await race.OlderStorage.StartAsync(CancellationToken.None);
            await race.NewerStorage.StartAsync(CancellationToken.None);
            await race.OlderStorage.WriteStateAsync("s", Id, race.Older, [], CancellationToken.None);
            race.Newer = new GrainState<Box>(new Box("v1"), race.Older.ETag);
            return race;
        }

        /// <summary>
        /// Starts <paramref name="first"/> and holds its transaction open just before COMMIT (on <paramref name="holding"/>),
        /// starts <paramref name="second"/>, waits until the second waits for the row's lock, then lets the first commit.
        /// </summary>
        public async Task<(Task First, Task Second)> RunAsync(GroupCommitGrainStorage holding, Func<Task> first, Func<Task> second)
        {
            var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            holding.BeforeCommitForTesting = async () =>
            {
                held.TrySetResult();
                await release.Task;
            };
            try
            {
                var firstTask = first();
                await held.Task.WaitAsync(WaitMax);
                var secondTask = second();
                await WaitForALockWaitAsync(ConnectionString);
                Assert.False(secondTask.IsCompleted);
                return (firstTask, secondTask);
            }
            finally
            {
                release.TrySetResult(); // never leave the writer held, or the storages could not stop
            }
        }

        public async ValueTask DisposeAsync()
        {
            await OlderStorage.DisposeAsync();
            await NewerStorage.DisposeAsync();
        }
    }

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
