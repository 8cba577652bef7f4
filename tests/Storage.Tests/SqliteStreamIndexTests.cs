using Medisettle.Storage.Dialects;
using Medisettle.Storage.GroupCommit;
using Medisettle.Storage.Hosting;
using Medisettle.Storage.Journal;
using Medisettle.Storage.Serialization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Storage;

namespace Medisettle.Storage.Tests;

/// <summary>
/// The journal's stream index on a new SQLite file (<see cref="SqliteStreamIndex"/>): entries are found in memory until
/// they are flushed in key order, after a flush in the index, and after a restart read back from the journal; a fence sees
/// what another writer on the file appended.
/// </summary>
public sealed class SqliteStreamIndexTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"medisettle-stream-index-{Guid.NewGuid():N}");
    private readonly List<GroupCommitGrainStorage> _storages = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var storage in _storages)
        {
            await storage.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_new_file_has_a_stream_index_and_no_journal_stream_index()
    {
        var (_, dialect) = await StartAsync("new.db");

        Assert.NotNull(dialect.StreamIndex);
        Assert.Equal(["stream_index"], await ObjectsAsync(Path.Combine(_directory, "new.db"), "table", "stream_index"));
        Assert.Empty(await ObjectsAsync(Path.Combine(_directory, "new.db"), "index", "ix_journal_stream_sequence"));
    }

    [Fact]
    public async Task A_stream_reads_the_same_from_memory_half_flushed_and_flushed()
    {
        var (storage, dialect) = await StartAsync("reads.db");
        var index = dialect.StreamIndex!;
        await AppendAsync(storage, "k1", ("a", "a1"), ("b", "b1"));
        await AppendAsync(storage, "k2", ("a", "a2"));
        var fromMemory = await ReadAllAsync(storage);
        Assert.Equal(3, index.Tail.Count);

        await FlushAsync(dialect);
        await AppendAsync(storage, "k3", ("b", "b2"), ("a", "a3"));
        var halfFlushed = await ReadAllAsync(storage);
        await FlushAsync(dialect);
        var flushed = await ReadAllAsync(storage);

        Assert.Equal("a: a1 a2 | b: b1 | a after a1: a2 | a from a1: a1 a2", fromMemory);
        Assert.Equal("a: a1 a2 a3 | b: b1 b2 | a after a1: a2 a3 | a from a1: a1 a2 a3", halfFlushed);
        Assert.Equal(halfFlushed, flushed);
        Assert.Equal(0, index.Tail.Count);
        Assert.Equal([("a", 1L), ("a", 3), ("a", 5), ("b", 2), ("b", 4)], await IndexRowsAsync("reads.db"));
        Assert.Equal(5, await IndexedThroughAsync("reads.db"));
    }

    [Fact]
    public async Task A_fence_sees_flushed_entries_and_entries_still_in_memory()
    {
        var (storage, dialect) = await StartAsync("fence.db");
        var state = await AppendAsync(storage, "k", ("p", "e1"));
        await FlushAsync(dialect);

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.AppendAsync("s", Id("k"), state, [new JournalAppend("p", "stale", "{}")], new StreamFence("p", null), CancellationToken.None));
        await storage.AppendAsync("s", Id("k"), state, [new JournalAppend("p", "e2", "{}")], new StreamFence("p", "e1"), CancellationToken.None);
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.AppendAsync("s", Id("k"), state, [new JournalAppend("p", "stale-2", "{}")], new StreamFence("p", "e1"), CancellationToken.None));
        await storage.AppendAsync("s", Id("k"), state, [new JournalAppend("p", "e3", "{}")], new StreamFence("p", "e2"), CancellationToken.None);

        Assert.Equal(["e1", "e2", "e3"], (await storage.ReadOwnStreamAsync("p", 0, 10)).Select(e => e.EntryId));
    }

    /// <summary>A silo that stops without flushing (a crash) leaves entries only in the journal: the next start reads them back from the last flush.</summary>
    [Fact]
    public async Task After_a_crash_the_next_start_reads_the_unflushed_entries_back_from_the_journal()
    {
        var (crashed, crashedDialect) = await StartAsync("crash.db", o => o.StreamIndexFlushInterval = TimeSpan.FromMinutes(1));
        await AppendAsync(crashed, "k1", ("p", "e1"), ("q", "f1"));
        await FlushAsync(crashedDialect);
        var state = await AppendAsync(crashed, "k2", ("p", "e2"));
        await crashed.AppendAsync("s", Id("k2"), state, [new JournalAppend("p", "e3", "{}")], new StreamFence("p", "e2"), CancellationToken.None);

        var (restarted, dialect) = await StartAsync("crash.db");

        Assert.Equal(2, dialect.StreamIndex!.Tail.Count);
        Assert.Equal(["e1", "e2", "e3"], (await restarted.ReadOwnStreamAsync("p", 0, 10)).Select(e => e.EntryId));
        Assert.Equal(["e2", "e3"], (await restarted.ReadOwnStreamFromAsync("p", "e2", 10)).Select(e => e.EntryId));
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => restarted.AppendAsync("s", Id("k2"), state, [new JournalAppend("p", "stale", "{}")], new StreamFence("p", "e2"), CancellationToken.None));
    }

    /// <summary>Two silos on one file: each one's fence and reads see what the other committed, though its own tail never held it.</summary>
    [Fact]
    public async Task A_fence_and_a_read_see_what_another_writer_on_the_file_appended()
    {
        var (first, _) = await StartAsync("two.db");
        var (second, _) = await StartAsync("two.db");
        var state = await AppendAsync(first, "k", ("p", "e1"));

        var read = (await second.ReadOwnStreamAsync("p", 0, 10)).Select(e => e.EntryId).ToList();
        var stale = await ReadStateAsync(second, "k");
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => second.AppendAsync("s", Id("k"), stale, [new JournalAppend("p", "from-second", "{}")], new StreamFence("p", null), CancellationToken.None));
        await second.AppendAsync("s", Id("k"), stale, [new JournalAppend("p", "e2", "{}")], new StreamFence("p", "e1"), CancellationToken.None);
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => first.AppendAsync("s", Id("k"), state, [new JournalAppend("p", "from-first", "{}")], new StreamFence("p", "e1"), CancellationToken.None));

        Assert.Equal(["e1"], read);
        Assert.Equal(["e1", "e2"], (await first.ReadOwnStreamAsync("p", 0, 10)).Select(e => e.EntryId));
    }

    /// <summary>More entries than one flush transaction takes: the flush runs in chunks, and every entry is indexed once.</summary>
    [Fact]
    public async Task A_flush_of_more_than_a_chunk_indexes_every_entry()
    {
        var (storage, dialect) = await StartAsync("chunks.db");
        var count = await AppendMoreThanAChunkAsync(storage);

        await FlushAsync(dialect);

        Assert.Equal(count, (await IndexRowsAsync("chunks.db")).Count);
        Assert.Equal(count, await IndexedThroughAsync("chunks.db"));
        Assert.Equal(0, dialect.StreamIndex!.Tail.Count);
        var s007 = await storage.ReadOwnStreamAsync("s007", 0, 100);
        Assert.Equal(Enumerable.Range(0, count).Where(i => i % 300 == 7).Select(i => $"e{i}"), s007.Select(e => e.EntryId));
    }

    /// <summary>
    /// A stop closes the connections the reads keep open, with their prepared statements: once the pool closes its
    /// connections the WAL is folded into the file, which a stopped silo's tools (disk, what-if) read as settled.
    /// </summary>
    [Fact]
    public async Task After_a_stop_the_reads_connections_close_and_the_file_is_settled()
    {
        var (storage, _) = await StartAsync("settled.db");
        await AppendAsync(storage, "k1", ("a", "a1"), ("b", "b1"));
        Assert.Equal(["a1"], (await storage.ReadOwnStreamAsync("a", 0, 10)).Select(e => e.EntryId));
        Assert.Equal(["b1"], (await storage.ReadOwnStreamFromAsync("b", "b1", 10)).Select(e => e.EntryId));

        await storage.StopAsync();
        SqliteConnection.ClearAllPools();

        var wal = new FileInfo(Path.Combine(_directory, "settled.db-wal"));
        Assert.False(wal.Exists && wal.Length > 0, $"the WAL still holds {(wal.Exists ? wal.Length : 0)} bytes");
    }

    /// <summary>
    /// Midway through a flush the first chunk's entries are in the index table and still in the tail: a read takes each
    /// entry once, in order, with the page's limit, and so does a read from an entry and a read after the flush.
    /// </summary>
    [Fact]
    public async Task Midway_through_a_flush_a_read_takes_each_entry_once()
    {
        var (storage, dialect) = await StartAsync("midway.db");
        var count = await AppendMoreThanAChunkAsync(storage);
        var expected = Enumerable.Range(0, count).Where(i => i % 300 == 7).Select(i => $"e{i}").ToList();

        await using (var connection = await dialect.OpenConnectionAsync(CancellationToken.None))
        {
            Assert.True(await dialect.StreamIndex!.FlushStepAsync(connection, force: true, CancellationToken.None)); // one chunk of two
        }

        Assert.Equal(SqliteStreamIndex.FlushChunkMax, (await IndexRowsAsync("midway.db")).Count);
        Assert.Equal(count, dialect.StreamIndex!.Tail.Count);
        Assert.Equal(expected, (await storage.ReadOwnStreamAsync("s007", 0, 100)).Select(e => e.EntryId));
        Assert.Equal(expected.Take(5), (await storage.ReadOwnStreamAsync("s007", 0, 5)).Select(e => e.EntryId));
        Assert.Equal(expected.Skip(3), (await storage.ReadOwnStreamFromAsync("s007", expected[3], 100)).Select(e => e.EntryId));
        Assert.Equal(expected, (await storage.ReadAsync("s007", 0, 100)).Select(e => e.EntryId));

        await FlushAsync(dialect);
        Assert.Equal(0, dialect.StreamIndex.Tail.Count);
        Assert.Equal(expected, (await storage.ReadOwnStreamAsync("s007", 0, 100)).Select(e => e.EntryId));
        Assert.Empty(await storage.ReadOwnStreamFromAsync("s007", "no-such-entry", 100));
    }

    /// <summary>
    /// An earlier build opened the file, made the journal's (stream, sequence) index again and appended without the stream
    /// index: this version drops that index at start and finds the entries it wrote.
    /// </summary>
    [Fact]
    public async Task A_file_an_earlier_build_wrote_to_loses_that_builds_index_and_keeps_its_entries()
    {
        var path = Path.Combine(_directory, "downgraded.db");
        var (storage, dialect) = await StartAsync("downgraded.db");
        await AppendAsync(storage, "k", ("p", "e1"));
        await FlushAsync(dialect);
        await storage.DisposeAsync();
        _storages.Remove(storage);
        SqliteConnection.ClearAllPools();
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = SqliteDialect.JournalStreamIndex +
                "INSERT INTO journal (stream, entry_id, payload, created_at) VALUES ('p', 'by-earlier-build', '{}', 0);";
            await command.ExecuteNonQueryAsync();
        }

        var (restarted, _) = await StartAsync("downgraded.db");

        Assert.Empty(await ObjectsAsync(path, "index", "ix_journal_stream_sequence"));
        Assert.Equal(["e1", "by-earlier-build"], (await restarted.ReadOwnStreamAsync("p", 0, 10)).Select(e => e.EntryId));
    }

    /// <summary>The schema objects of <paramref name="type"/> named <paramref name="name"/> in the file.</summary>
    internal static async Task<List<string>> ObjectsAsync(string path, string type, string name)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = $type AND name = $name";
        command.Parameters.AddWithValue("$type", type);
        command.Parameters.AddWithValue("$name", name);
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private async Task<(GroupCommitGrainStorage Storage, SqliteDialect Dialect)> StartAsync(string file, Action<SqliteStorageOptions>? configure = null)
    {
        var options = new SqliteStorageOptions { DatabasePath = Path.Combine(_directory, file), Synchronous = SqliteSynchronousMode.Normal };
        options.StreamIndexFlushInterval = TimeSpan.FromMinutes(1); // flushed only when a test says so
        configure?.Invoke(options);
        options.GrainStorageSerializer = new JsonGrainStateSerializer(JsonGrainStateSerializer.CreateDefaultOptions());
        var dialect = new SqliteDialect(options);
        var storage = new GroupCommitGrainStorage("test", dialect, TimeProvider.System, NullLogger.Instance);
        _storages.Add(storage);
        await storage.StartAsync(CancellationToken.None);
        return (storage, dialect);
    }

    private static async Task FlushAsync(SqliteDialect dialect)
    {
        await using var connection = await dialect.OpenConnectionAsync(CancellationToken.None);
        await dialect.StreamIndex!.FlushAllAsync(connection, CancellationToken.None);
    }

    private static GrainId Id(string key) => GrainId.Create("test", key);

    /// <summary>Appends a flush chunk's entries and 100 more in one write, entry i (e{i}) in stream s{i mod 300}; returns how many.</summary>
    private static async Task<int> AppendMoreThanAChunkAsync(GroupCommitGrainStorage storage)
    {
        var count = SqliteStreamIndex.FlushChunkMax + 100;
        var appends = Enumerable.Range(0, count).Select(i => new JournalAppend($"s{i % 300:D3}", $"e{i}", "{}")).ToArray();
        await storage.WriteStateAsync("s", Id("k"), new GrainState<StorageSuite.Box>(new StorageSuite.Box("v")), appends, CancellationToken.None);
        return count;
    }

    private static async Task<GrainState<StorageSuite.Box>> AppendAsync(GroupCommitGrainStorage storage, string key, params (string Stream, string EntryId)[] entries)
    {
        var state = await ReadStateAsync(storage, key);
        state.State!.Value = key;
        await storage.WriteStateAsync("s", Id(key), state, [.. entries.Select(e => new JournalAppend(e.Stream, e.EntryId, "{}"))], CancellationToken.None);
        return state;
    }

    private static async Task<GrainState<StorageSuite.Box>> ReadStateAsync(GroupCommitGrainStorage storage, string key)
    {
        var state = new GrainState<StorageSuite.Box>(new StorageSuite.Box("unread"));
        await storage.ReadStateAsync("s", Id(key), state);
        return state;
    }

    /// <summary>Stream a (own and with its second streams), stream b, stream a after its first entry, and stream a from its first entry.</summary>
    private static async Task<string> ReadAllAsync(GroupCommitGrainStorage storage)
    {
        var a = await storage.ReadAsync("a", 0, 100);
        var b = await storage.ReadOwnStreamAsync("b", 0, 100);
        var afterFirst = await storage.ReadOwnStreamAsync("a", a[0].Sequence, 100);
        var fromFirst = await storage.ReadOwnStreamFromAsync("a", "a1", 100);
        static string Ids(IEnumerable<JournalEntry> entries) => string.Join(' ', entries.Select(e => e.EntryId));
        return $"a: {Ids(a)} | b: {Ids(b)} | a after a1: {Ids(afterFirst)} | a from a1: {Ids(fromFirst)}";
    }

    private async Task<List<(string Stream, long Sequence)>> IndexRowsAsync(string file)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, file)};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT stream, sequence FROM stream_index ORDER BY stream, sequence";
        var rows = new List<(string, long)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        return rows;
    }

    private async Task<long> IndexedThroughAsync(string file)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, file)};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT indexed_through FROM stream_index_state";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
