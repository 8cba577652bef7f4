using System.Text;
using Medisettle.Storage.Compression;
using Medisettle.Storage.Dialects;
using Medisettle.Storage.GroupCommit;
using Medisettle.Storage.Hosting;
using Microsoft.Data.Sqlite;

namespace Medisettle.Storage.Tests;

public sealed class SqliteStorageTests : StorageSuite
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"medisettle-sqlite-{Guid.NewGuid():N}");

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    protected override Task<GroupCommitGrainStorage> CreateStorageAsync(Action<GroupCommitStorageOptions> configure) =>
        Task.FromResult(TestStorages.Sqlite(Path.Combine(_directory, $"{Guid.NewGuid():N}.db"), o => configure(o)));

    /// <summary>
    /// The session settings are applied once per SQLite handle; a connection taken again from the pool, and one opened
    /// while it is in use (a second handle), both have them.
    /// </summary>
    [Fact]
    public async Task Every_connection_has_the_session_settings_whether_new_or_taken_from_the_pool()
    {
        var options = new SqliteStorageOptions { DatabasePath = Path.Combine(_directory, "settings.db"), CacheSizeKibibytes = 12_345, Synchronous = Hosting.SqliteSynchronousMode.Normal };
        var dialect = new Dialects.SqliteDialect(options);
        await dialect.EnsureSchemaAsync(CancellationToken.None);

        var seen = new List<(object Handle, string Settings)>();
        for (var i = 0; i < 3; i++)
        {
            await using var first = (SqliteConnection)await dialect.OpenConnectionAsync(CancellationToken.None);
            await using var second = (SqliteConnection)await dialect.OpenConnectionAsync(CancellationToken.None);
            seen.Add((first.Handle!, await SettingsAsync(first)));
            seen.Add((second.Handle!, await SettingsAsync(second)));
        }

        Assert.All(seen, s => Assert.Equal("cache_size=-12345 synchronous=1 busy_timeout=30000 wal_autocheckpoint=0", s.Settings));
        Assert.Equal(2, seen.Select(s => s.Handle).Distinct().Count()); // the pool handed the same two handles out again

        static async Task<string> SettingsAsync(SqliteConnection connection)
        {
            var values = new List<string>();
            foreach (var pragma in new[] { "cache_size", "synchronous", "busy_timeout", "wal_autocheckpoint" })
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"PRAGMA {pragma}";
                values.Add($"{pragma}={await command.ExecuteScalarAsync()}");
            }

            return string.Join(' ', values);
        }
    }

    [Fact]
    public async Task Journal_rows_written_through_sqlite_directly_read_as_ADO_NET_would_have_written_them()
    {
        var path = Path.Combine(_directory, "rows.db");
        var storage = TestStorages.Sqlite(path, o => o.CompressJournalPayloads = false);
        await storage.StartAsync(CancellationToken.None);
        try
        {
            const string Payload = "{\"name\":\"张三\",\"note\":\"'+\"}";
            var state = new Orleans.GrainState<Box>(new Box("v"));
            var before = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            await storage.WriteStateAsync("s", GrainId.Create("test", "k"), state, [new Journal.JournalAppend("p", "e1", Payload)], CancellationToken.None);
            var after = DateTimeOffset.UtcNow;

            var entry = await storage.FindAsync("e1");
            Assert.NotNull(entry);
            Assert.Equal(("p", Payload), (entry.Stream, entry.Payload));
            Assert.InRange(entry.CreatedAt, before, after);
            await using var connection = new SqliteConnection($"Data Source={path}");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT typeof(payload), length(payload), typeof(created_at), created_at FROM journal WHERE entry_id = 'e1'";
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal("text", reader.GetString(0));
            Assert.Equal(Payload.Length, reader.GetInt64(1)); // characters: stored as UTF-8 text, not as a blob of bytes
            Assert.Equal(("integer", entry.CreatedAt.ToUnixTimeMilliseconds()), (reader.GetString(2), reader.GetInt64(3))); // milliseconds since 1970
            await reader.DisposeAsync();
            command.CommandText = "SELECT typeof(updated_at), updated_at FROM grain_state WHERE grain_key = 'k'";
            await using var stateRow = await command.ExecuteReaderAsync();
            Assert.True(await stateRow.ReadAsync());
            Assert.Equal("integer", stateRow.GetString(0));
            Assert.InRange(DateTimeOffset.FromUnixTimeMilliseconds(stateRow.GetInt64(1)), before, after);
        }
        finally
        {
            await storage.DisposeAsync();
        }
    }

    /// <summary>
    /// A file made before <c>created_at</c> and <c>updated_at</c> held milliseconds and before entries had a second
    /// stream has those columns as <c>TEXT</c>, with date-and-time text in its rows, and no <c>also_stream</c>: the storage
    /// adds the column and its index at start; the old rows read as they were, and the rows written now (their times
    /// held there as the milliseconds' digits) read as the same instant as in a new file, with their second stream.
    /// </summary>
    [Fact]
    public async Task A_journal_made_before_compact_times_and_second_streams_reads_its_old_rows_and_the_new_ones()
    {
        var path = Path.Combine(_directory, "old-created-at.db");
        Directory.CreateDirectory(_directory);
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE journal (sequence INTEGER PRIMARY KEY AUTOINCREMENT, stream TEXT NOT NULL, entry_id TEXT NOT NULL UNIQUE, payload TEXT NOT NULL, created_at TEXT NOT NULL);
                CREATE TABLE grain_state (grain_type TEXT NOT NULL, grain_key TEXT NOT NULL, state_name TEXT NOT NULL, version INTEGER NOT NULL, payload BLOB NULL, updated_at TEXT NOT NULL,
                    PRIMARY KEY (grain_type, grain_key, state_name)) WITHOUT ROWID;
                INSERT INTO journal (stream, entry_id, payload, created_at) VALUES ('p', 'old', '{}', '2026-11-30 02:38:29.1278683+00:00');
                """;
            await command.ExecuteNonQueryAsync();
        }

        var storage = TestStorages.Sqlite(path);
        await storage.StartAsync(CancellationToken.None);
        try
        {
            var before = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            await storage.WriteStateAsync("s", GrainId.Create("test", "k"), new Orleans.GrainState<Box>(new Box("v")), [new Journal.JournalAppend("p", "new", "{}") { AlsoStream = "q" }], CancellationToken.None);
            var after = DateTimeOffset.UtcNow;

            var entries = await storage.ReadAsync("p", 0, 10);
            Assert.Equal(["old", "new"], entries.Select(e => e.EntryId));
            Assert.Equal([null, "q"], entries.Select(e => e.AlsoStream));
            Assert.Equal(["new"], (await storage.ReadAsync("q", 0, 10)).Select(e => e.EntryId));
            Assert.Equal(new DateTimeOffset(2026, 11, 30, 2, 38, 29, TimeSpan.Zero).AddTicks(1_278_683), entries[0].CreatedAt);
            Assert.InRange(entries[1].CreatedAt, before, after);
            Assert.Equal(0, entries[1].CreatedAt.Ticks % TimeSpan.TicksPerMillisecond);
            await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT typeof(created_at), created_at FROM journal WHERE entry_id = 'new'";
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal(("text", entries[1].CreatedAt.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture)), (reader.GetString(0), reader.GetString(1)));
            await reader.DisposeAsync();
            command.CommandText = "SELECT typeof(updated_at), updated_at FROM grain_state WHERE grain_key = 'k'";
            await using var state = await command.ExecuteReaderAsync();
            Assert.True(await state.ReadAsync());
            Assert.Equal("text", state.GetString(0));
            Assert.InRange(DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(state.GetString(1), System.Globalization.CultureInfo.InvariantCulture)), before, after);
            var read = new Orleans.GrainState<Box>();
            await storage.ReadStateAsync("s", GrainId.Create("test", "k"), read, CancellationToken.None);
            Assert.Equal(("v", "1"), (read.State?.Value, read.ETag));
        }
        finally
        {
            await storage.DisposeAsync();
        }
    }

    /// <summary>
    /// A read of a stream takes its own entries from the stream index table, the tail's by their keys and the rows after
    /// the tail's known sequence by key range, and those naming it as their second stream from the partial
    /// (also_stream, sequence) index, each up to the page's limit, and merges the parts in order: no scan of the table, no
    /// gathering of every match before the limit, and no temporary b-tree (the parts cannot overlap).
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_stream_read_takes_each_part_from_its_own_index(bool tail)
    {
        var plan = await QueryPlanAsync($"plan-{tail}.db", SqliteStreamIndex.ReadSql(tail, alsoStream: true),
            ("@stream", "post:inst:H1"), ("@after", 0L), ("@count", 100), ("@tail", "[3,4]"), ("@indexed", 2L), ("@known", 10L));

        Assert.Contains("SEARCH stream_index USING PRIMARY KEY (stream=? AND sequence>? AND sequence<?)", plan);
        Assert.Contains("SEARCH journal USING INTEGER PRIMARY KEY (rowid>?)", plan); // committed after the tail's known sequence
        Assert.Equal(tail ? 2 : 1, plan.Count(p => p == "SEARCH journal USING INTEGER PRIMARY KEY (rowid=?)")); // each entry by its key
        Assert.Contains(plan, p => p.Contains("USING INDEX ix_journal_also_stream (also_stream=? AND sequence>?)", StringComparison.Ordinal));
        Assert.Contains("MERGE (UNION ALL)", plan);
        Assert.DoesNotContain(plan, p => p.StartsWith("SCAN journal", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, p => p.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_stream_read_of_a_file_made_before_takes_each_part_from_the_journal_indexes()
    {
        var path = Path.Combine(_directory, "plan-before.db");
        await SqliteEarlierLayoutStorageTests.CreateEarlierLayoutAsync(path);
        var plan = await QueryPlanAsync("plan-before.db", StorageSql.ReadJournalStream,
            ("@stream", "post:inst:H1"), ("@after", 0L), ("@safe", long.MaxValue), ("@count", 100));

        Assert.Contains(plan, p => p.Contains("USING INDEX ix_journal_stream_sequence (stream=? AND sequence>? AND sequence<?)", StringComparison.Ordinal));
        Assert.Contains(plan, p => p.Contains("USING INDEX ix_journal_also_stream (also_stream=? AND sequence>? AND sequence<?)", StringComparison.Ordinal));
        Assert.Contains("MERGE (UNION ALL)", plan);
        Assert.DoesNotContain(plan, p => p.StartsWith("SCAN journal", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_read_at_sequences_finds_each_by_its_key()
    {
        var plan = await QueryPlanAsync("plan-at.db", StorageSql.ReadJournalAt(3), ("@q0", 10L), ("@q1", 20L), ("@q2", 30L));

        Assert.Contains(plan, p => p.StartsWith("SEARCH journal USING INTEGER PRIMARY KEY (rowid=?)", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, p => p.StartsWith("SCAN journal", StringComparison.Ordinal));
    }

    /// <summary>SQLite's plan of <paramref name="sql"/> (each step's text) on a new file made by the storage.</summary>
    private async Task<List<string>> QueryPlanAsync(string file, string sql, params (string Name, object Value)[] parameters)
    {
        var path = Path.Combine(_directory, file);
        var storage = TestStorages.Sqlite(path);
        await storage.StartAsync(CancellationToken.None);
        await storage.DisposeAsync();
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(3));
        }

        return plan;
    }

    /// <summary>
    /// A state of 3,000 bytes is kept in the grain-state table's own page: the table is a rowid table, which holds rows
    /// of up to about 4,000 bytes in place. The same write into a file whose table was made <c>WITHOUT ROWID</c> (as
    /// files made before are) spills the row's tail into an overflow page of its own, nearly all of it unused.
    /// </summary>
    [Fact]
    public async Task A_state_of_3000_bytes_stays_in_its_page_in_a_new_file_and_spills_in_a_without_rowid_one()
    {
        Directory.CreateDirectory(_directory);
        var value = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(1_500)); // 3,000 characters
        var fresh = Path.Combine(_directory, "fresh.db");
        var old = Path.Combine(_directory, "without-rowid.db");
        await using (var connection = new SqliteConnection($"Data Source={old};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE grain_state (grain_type TEXT NOT NULL, grain_key TEXT NOT NULL, state_name TEXT NOT NULL, version INTEGER NOT NULL, payload BLOB NULL, updated_at TEXT NOT NULL,
                    PRIMARY KEY (grain_type, grain_key, state_name)) WITHOUT ROWID;
                """;
            await command.ExecuteNonQueryAsync();
        }

        var added = new List<long>();
        foreach (var path in new[] { fresh, old })
        {
            var storage = TestStorages.Sqlite(path, o => o.CompressStatePayloads = false);
            await storage.StartAsync(CancellationToken.None);
            try
            {
                var before = await PageCountAsync(path);
                await storage.WriteStateAsync("s", GrainId.Create("test", "big"), new Orleans.GrainState<Box>(new Box(value)), [], CancellationToken.None);
                added.Add(await PageCountAsync(path) - before);
                var read = new Orleans.GrainState<Box>();
                await storage.ReadStateAsync("s", GrainId.Create("test", "big"), read, CancellationToken.None);
                Assert.Equal(value, read.State?.Value);
            }
            finally
            {
                await storage.DisposeAsync();
            }
        }

        // The new file's row fits the table's root page, already there; the old file's takes an overflow page more.
        Assert.Equal([0L, 1L], added);

        static async Task<long> PageCountAsync(string path)
        {
            await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA page_count";
            return (long)(await command.ExecuteScalarAsync())!;
        }
    }

    /// <summary>
    /// Journal payloads are stored compressed by default and as text with compression off; one file can hold both (written
    /// before compression, or with it turned off for a while), and every reader gets the same JSON from either.
    /// </summary>
    [Fact]
    public async Task Journal_payloads_are_stored_compressed_or_as_text_and_read_back_the_same_from_one_file()
    {
        var path = Path.Combine(_directory, "compressed.db");
        var long1 = "{\"name\":\"统筹基金\",\"trace\":[" + string.Join(',', Enumerable.Range(0, 20).Select(i => $"\"step {i}: total 385.45 = funds 0.00 + account 385.45\"")) + "]}";
        var long2 = long1.Replace("step", "stage", StringComparison.Ordinal);
        const string Short = "{\"n\":1}";
        var long3 = long1.Replace("step", "phase", StringComparison.Ordinal);
        // Appends made from a span are compressed when made; a storage with compression off still stores their JSON text.
        var reused = new byte[4096];
        await WriteOneAsync(compress: true, "k1", new Journal.JournalAppend("p", "e1", long1), new Journal.JournalAppend("p", "e2", Short),
            new Journal.JournalAppend("p", "e4", reused.AsSpan(0, Encoding.UTF8.GetBytes(long3, reused))));
        await WriteOneAsync(compress: false, "k2", new Journal.JournalAppend("p", "e3", long2),
            new Journal.JournalAppend("p", "e5", reused.AsSpan(0, Encoding.UTF8.GetBytes(long1, reused))),
            new Journal.JournalAppend("p", "e6", reused.AsSpan(0, Encoding.UTF8.GetBytes(Short, reused))));

        Assert.Equal(
            [("e1", "blob", true), ("e2", "text", false), ("e4", "blob", true), ("e3", "text", false), ("e5", "text", false), ("e6", "text", false)],
            await StoredAsync());
        var storage = TestStorages.Sqlite(path);
        await storage.StartAsync(CancellationToken.None);
        try
        {
            Assert.Equal([long1, Short, long3, long2, long1, Short], (await storage.ReadAsync("p", 0, 10)).Select(e => e.Payload));
            Assert.Equal(long1, (await storage.FindAsync("e1"))!.Payload);
            Assert.Equal(Encoding.UTF8.GetBytes(long1), (await storage.ReadAllAsync(0, 1))[0].Utf8Payload.ToArray());
        }
        finally
        {
            await storage.DisposeAsync();
        }

        async Task WriteOneAsync(bool compress, string key, params Journal.JournalAppend[] appends)
        {
            var writer = TestStorages.Sqlite(path, o => o.CompressJournalPayloads = compress);
            await writer.StartAsync(CancellationToken.None);
            try
            {
                await writer.WriteStateAsync("s", GrainId.Create("test", key), new Orleans.GrainState<Box>(new Box("v")), appends, CancellationToken.None);
            }
            finally
            {
                await writer.DisposeAsync();
            }
        }

        async Task<List<(string, string, bool)>> StoredAsync()
        {
            await using var connection = new SqliteConnection($"Data Source={path}");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT entry_id, typeof(payload), substr(payload, 1, 1) = x'00' FROM journal ORDER BY sequence";
            var rows = new List<(string, string, bool)>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2) == 1));
            }

            return rows;
        }
    }

    /// <summary>Grain states are stored compressed by default and as JSON with compression off; either reads back the same.</summary>
    [Fact]
    public async Task Grain_states_are_stored_compressed_or_as_JSON_and_read_back_the_same()
    {
        var path = Path.Combine(_directory, "states.db");
        var value = string.Join(' ', Enumerable.Range(0, 40).Select(i => $"item {i} paid 12.{i:D2}"));
        await WriteAsync(compress: true, "k1");
        await WriteAsync(compress: false, "k2");
        await using (var marked = TestStorages.Sqlite(path))
        {
            await marked.StartAsync(CancellationToken.None);
            await marked.WriteStateAsync("s", GrainId.Create("test", "k3"), new Orleans.GrainState<PlainBox>(new PlainBox(value)), [], CancellationToken.None);
        }

        await using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT grain_key, hex(substr(payload, 1, 2)), length(payload) < @json FROM grain_state ORDER BY grain_key";
            command.Parameters.AddWithValue("@json", value.Length);
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<(string, string, bool)>();
            while (await reader.ReadAsync())
            {
                rows.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2) == 1));
            }

            // k2 (compression off) and k3 (a state class marked uncompressed): the JSON, {"…
            Assert.Equal([("k1", $"00{PayloadCodec.CurrentDictionary:X2}", true), ("k2", "7B22", false), ("k3", "7B22", false)], rows);
        }

        var storage = TestStorages.Sqlite(path);
        await storage.StartAsync(CancellationToken.None);
        try
        {
            foreach (var key in new[] { "k1", "k2" })
            {
                var state = new Orleans.GrainState<Box>();
                await storage.ReadStateAsync("s", GrainId.Create("test", key), state, CancellationToken.None);
                Assert.Equal((value, "1"), (state.State?.Value, state.ETag));
            }
        }
        finally
        {
            await storage.DisposeAsync();
        }

        async Task WriteAsync(bool compress, string key)
        {
            var writer = TestStorages.Sqlite(path, o => o.CompressStatePayloads = compress);
            await writer.StartAsync(CancellationToken.None);
            try
            {
                await writer.WriteStateAsync("s", GrainId.Create("test", key), new Orleans.GrainState<Box>(new Box(value)), [], CancellationToken.None);
            }
            finally
            {
                await writer.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_database_of_the_pre_Orleans_runtime_is_refused_with_a_clear_message()
    {
        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, "old.db");
        await using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE grain_state (grain_type TEXT, grain_key TEXT, state_name TEXT, partition INTEGER, version INTEGER, payload TEXT, updated_at TEXT)";
            await command.ExecuteNonQueryAsync();
        }

        await using var storage = TestStorages.Sqlite(path);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => storage.StartAsync(CancellationToken.None));

        Assert.Contains("pre-Orleans runtime", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Background_checkpoints_copy_committed_pages_into_the_database_file_without_a_commit_doing_it()
    {
        // Two storages, the same writes: with background checkpoints, and with checkpoints left to the commits (which
        // run one only past 1,000 WAL pages; these writes are about 80). Once the first file has its pages, which proves
        // checkpoints had the time to run, the second must still have none. The states are stored uncompressed, so that
        // they take the pages counted on.
        var background = Path.Combine(_directory, $"{Guid.NewGuid():N}.db");
        var inline = Path.Combine(_directory, $"{Guid.NewGuid():N}.db");
        await using var withBackground = TestStorages.Sqlite(background, o => (o.BackgroundCheckpointInterval, o.CompressStatePayloads) = (TimeSpan.FromMilliseconds(10), false));
        await using var withoutBackground = TestStorages.Sqlite(inline, o => (o.BackgroundCheckpointInterval, o.CompressStatePayloads) = (TimeSpan.Zero, false));
        await withBackground.StartAsync(CancellationToken.None);
        await withoutBackground.StartAsync(CancellationToken.None);
        var (backgroundBefore, inlineBefore) = (new FileInfo(background).Length, new FileInfo(inline).Length);

        for (var i = 0; i < 40; i++) // 40 × 8 KB
        {
            var state = new string('x', 8_000);
            await withBackground.WriteStateAsync("s", GrainId.Create("test", $"k{i}"), new GrainState<string>(state), [], CancellationToken.None);
            await withoutBackground.WriteStateAsync("s", GrainId.Create("test", $"k{i}"), new GrainState<string>(state), [], CancellationToken.None);
        }

        const long written = 40 * 8_000;
        using var watcher = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (new FileInfo(background).Length <= backgroundBefore + written && DateTime.UtcNow < deadline)
        {
            await watcher.WaitForNextTickAsync();
        }

        Assert.True(new FileInfo(background).Length > backgroundBefore + written, "the background checkpoints did not copy the pages within 10 s");
        Assert.True(new FileInfo(inline).Length <= inlineBefore + written, "a storage without background checkpoints copied pages below the commit threshold");
    }
}

/// <summary>A state class the storage keeps as JSON even with state compression on.</summary>
[Compression.UncompressedState]
public sealed record PlainBox(string Value);
