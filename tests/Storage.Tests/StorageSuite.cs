using Medisettle.Storage.GroupCommit;
using Medisettle.Storage.Hosting;
using Medisettle.Storage.Journal;
using Orleans.Storage;

namespace Medisettle.Storage.Tests;

/// <summary>The group-commit storage contract, written once and run against SQLite and PostgreSQL.</summary>
public abstract class StorageSuite : IAsyncLifetime
{
    private static readonly TimeSpan WaitMax = TimeSpan.FromSeconds(30);
    private readonly List<GroupCommitGrainStorage> _storages = [];

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var storage in _storages)
        {
            await storage.DisposeAsync();
        }
    }

    /// <summary>Options of a fresh, empty database for one test.</summary>
    protected abstract Task<GroupCommitGrainStorage> CreateStorageAsync(Action<GroupCommitStorageOptions> configure);

    [Fact]
    public async Task Group_commit_batches_concurrent_writers_into_far_fewer_transactions()
    {
        var storage = await StartAsync(o => o.GroupCommitWindow = TimeSpan.FromMilliseconds(2));
        const int Writers = 500;

        var states = await Task.WhenAll(Enumerable.Range(0, Writers).Select(i => WriteAsync(storage, $"k{i}", null, $"v{i}")));

        Assert.All(states, s => Assert.Equal("1", s.ETag));
        Assert.Equal(Writers, storage.Statistics.WritesCommitted);
        Assert.InRange(storage.Statistics.TransactionsCommitted, 1, Writers / 10);
        var read = await ReadAsync(storage, "k7");
        Assert.Equal(("v7", "1", true), (read.State!.Value, read.ETag, read.RecordExists));
    }

    [Fact]
    public async Task Without_group_commit_every_write_is_its_own_transaction()
    {
        var storage = await StartAsync(o => o.GroupCommitEnabled = false);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => WriteAsync(storage, $"k{i}", null, "v")));

        Assert.Equal(20, storage.Statistics.TransactionsCommitted);
        Assert.Equal(20, storage.Statistics.WritesCommitted);
    }

    [Fact]
    public async Task No_writer_is_acknowledged_before_its_batch_commits()
    {
        var storage = await StartAsync(_ => { });
        var gate = HoldTransactions(storage);

        var writes = Enumerable.Range(0, 50).Select(i => WriteAsync(storage, $"k{i}", null, "v")).ToList();
        await gate.Entered.Task.WaitAsync(WaitMax);
        var acknowledgedWhileOpen = writes.Count(w => w.IsCompleted);
        var visibleWhileOpen = await ReadAsync(storage, "k0");
        gate.Release.SetResult();
        await Task.WhenAll(writes);

        Assert.Equal(0, acknowledgedWhileOpen);
        Assert.False(visibleWhileOpen.RecordExists);
        Assert.Null(visibleWhileOpen.ETag);
        Assert.Equal("1", (await ReadAsync(storage, "k0")).ETag);
        Assert.Equal("1", (await ReadAsync(storage, "k49")).ETag);
    }

    [Fact]
    public async Task Stale_etag_fails_the_second_writer_with_InconsistentStateException_and_keeps_the_first()
    {
        var storage = await StartAsync(_ => { });
        await WriteAsync(storage, "k", null, "v1");

        var first = WriteAsync(storage, "k", "1", "first");
        var second = WriteAsync(storage, "k", "1", "second");

        Assert.Equal("2", (await first).ETag);
        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => second);
        Assert.Equal("1", error.CurrentEtag);
        var read = await ReadAsync(storage, "k");
        Assert.Equal(("first", "2"), (read.State!.Value, read.ETag));
    }

    [Fact]
    public async Task Insert_of_an_existing_record_is_a_conflict()
    {
        var storage = await StartAsync(_ => { });
        await WriteAsync(storage, "k", null, "a");

        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(storage, "k", null, "b"));

        Assert.Equal("a", (await ReadAsync(storage, "k")).State!.Value);
    }

    [Fact]
    public async Task Etag_the_storage_never_issued_is_refused()
    {
        var storage = await StartAsync(_ => { });

        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(storage, "k", "W/\"abc\"", "a"));

        Assert.False((await ReadAsync(storage, "k")).RecordExists);
    }

    [Fact]
    public async Task One_conflicting_write_in_a_batch_fails_only_its_caller()
    {
        var storage = await StartAsync(_ => { });
        var gate = HoldTransactions(storage);
        var existing = WriteAsync(storage, "existing", null, "x"); // held open at the gate
        await gate.Entered.Task.WaitAsync(WaitMax);

        var good = Enumerable.Range(0, 30).Select(i => WriteAsync(storage, $"g{i}", null, "v")).ToList();
        var bad = WriteAsync(storage, "existing", "5", "y");
        gate.Release.SetResult();
        await existing;
        await Task.WhenAll(good);

        await Assert.ThrowsAsync<InconsistentStateException>(() => bad);
        Assert.All(good, g => Assert.Equal("1", g.Result.ETag));
        Assert.Equal(1, storage.Statistics.WritesRejected);
        Assert.Equal(31, storage.Statistics.WritesCommitted);
        Assert.Equal(2, storage.Statistics.TransactionsCommitted); // the held one, then all 31 queued behind it
        Assert.Equal(0, storage.Statistics.BatchesFailed);
    }

    [Fact]
    public async Task Refused_writes_fail_alone_and_the_rest_of_their_batch_commits_in_one_transaction()
    {
        var storage = await StartAsync(o => o.GroupCommitWindow = TimeSpan.FromSeconds(1));
        var before = storage.Statistics.TransactionsCommitted;

        var first = WriteAsync(storage, "a", null, "v", new JournalAppend("s", "e1", "{}"));
        var duplicate = WriteAsync(storage, "b", null, "v", new JournalAppend("s", "e1", "{}"));
        var conflict = WriteAsync(storage, "c", "5", "v");
        var last = WriteAsync(storage, "d", null, "v", new JournalAppend("s", "e2", "{}"), new JournalAppend("s", "e3", "{}"));

        Assert.Equal("1", (await first).ETag);
        await Assert.ThrowsAsync<DuplicateJournalEntryException>(() => duplicate);
        await Assert.ThrowsAsync<InconsistentStateException>(() => conflict);
        Assert.Equal("1", (await last).ETag);
        Assert.Equal(before + 1, storage.Statistics.TransactionsCommitted);
        Assert.Equal(1, storage.Statistics.OptimisticFallbacks);
        Assert.Equal(["e1", "e2", "e3"], (await storage.ReadAsync("s", 0, 10)).Select(e => e.EntryId));
        Assert.False((await ReadAsync(storage, "b")).RecordExists);
    }

    [Fact]
    public async Task Journal_appends_commit_with_the_state_or_not_at_all()
    {
        var storage = await StartAsync(_ => { });
        var journal = storage;
        await WriteAsync(storage, "k", null, "v1");

        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(storage, "k", "7", "v2", new JournalAppend("s1", "e-lost", "{}")));
        await WriteAsync(storage, "k", "1", "v2", new JournalAppend("s1", "e1", "{\"n\":1}"), new JournalAppend("s2", "e2", "{\"n\":2}"));

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
    public async Task Reading_by_several_stream_prefixes_returns_the_entries_of_every_matching_stream_in_journal_order()
    {
        var storage = await StartAsync(_ => { });
        var journal = storage;
        await WriteAsync(storage, "k", null, "v1",
            new JournalAppend("post:x", "p1", "{}"), new JournalAppend("msg", "m1", "{}"), new JournalAppend("person:1", "s1", "{}"),
            new JournalAppend("pos", "q1", "{}"), new JournalAppend("post:y", "p2", "{}"), new JournalAppend("person:2", "s2", "{}"));

        var both = await journal.ReadByStreamPrefixesAsync(["post:", "person:"], 0, 10);
        Assert.Equal(["p1", "s1", "p2", "s2"], both.Select(e => e.EntryId));
        Assert.True(both.Select(e => e.Sequence).SequenceEqual(both.Select(e => e.Sequence).Order()));
        Assert.Equal(["s1", "p2"], (await journal.ReadByStreamPrefixesAsync(["post:", "person:"], both[0].Sequence, 2)).Select(e => e.EntryId));
        Assert.Equal(["m1"], (await journal.ReadByStreamPrefixesAsync(["msg"], 0, 10)).Select(e => e.EntryId));
        Assert.Empty(await journal.ReadByStreamPrefixesAsync(["post:", "person:"], both[^1].Sequence, 10));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => journal.ReadByStreamPrefixesAsync([], 0, 10));
        await Assert.ThrowsAsync<ArgumentException>(() => journal.ReadByStreamPrefixesAsync(["post:", ""], 0, 10));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => journal.ReadByStreamPrefixesAsync(Enumerable.Repeat("a", IJournal.StreamPrefixesMax + 1).ToArray(), 0, 10));
    }

    [Fact]
    public async Task Reading_at_sequences_returns_those_entries_of_any_stream_in_journal_order_and_skips_the_missing()
    {
        var storage = await StartAsync(_ => { });
        await WriteAsync(storage, "k", null, "v1",
            new JournalAppend("person:1", "a", "{\"n\":1}"), new JournalAppend("msg", "b", "{}"), new JournalAppend("person:2", "c", "{}") { AlsoStream = "inst:x" },
            new JournalAppend("post:y", "d", "{}"));
        var all = await storage.ReadAllAsync(0, 10);
        var at = all.ToDictionary(e => e.EntryId, e => e.Sequence);

        var read = await storage.ReadAtAsync([at["d"], at["a"], all[^1].Sequence + 1_000, at["c"]]);

        Assert.Equal([("a", "person:1", "{\"n\":1}"), ("c", "person:2", "{}"), ("d", "post:y", "{}")], read.Select(e => (e.EntryId, e.Stream, e.Payload)));
        Assert.Equal([at["a"], at["c"], at["d"]], read.Select(e => e.Sequence));
        Assert.Equal("inst:x", read[1].AlsoStream);
        Assert.Empty(await storage.ReadAtAsync([]));
        var most = at.Values.Concat(Enumerable.Range(1, IJournal.SequencesMax - at.Count).Select(i => all[^1].Sequence + i)).ToArray();
        Assert.Equal(at.Values.Order(), (await storage.ReadAtAsync(most)).Select(e => e.Sequence));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => storage.ReadAtAsync(new long[IJournal.SequencesMax + 1]));
    }

    /// <summary>
    /// An entry with a second stream is read in both: a read of the second stream merges it with that stream's own entries
    /// in sequence order, page by page; the stream's own writer and prefix reads of the first stream see it once.
    /// </summary>
    [Fact]
    public async Task An_entry_with_a_second_stream_is_read_in_both_in_sequence_order()
    {
        var storage = await StartAsync(_ => { });
        await WriteAsync(storage, "k", null, "v1",
            new JournalAppend("inst:a", "own1", "{}"), new JournalAppend("person:1", "r1", "{\"n\":1}") { AlsoStream = "inst:a" },
            new JournalAppend("person:2", "r2", "{}") { AlsoStream = "inst:b" }, new JournalAppend("inst:a", "own2", "{}"));
        await WriteAsync(storage, "k", "1", "v2",
            new JournalAppend("person:1", "r3", "{}") { AlsoStream = "inst:a" }, new JournalAppend("person:1", "plain", "{}"), new JournalAppend("inst:a", "own3", "{}"));

        var inA = await storage.ReadAsync("inst:a", 0, 100);
        Assert.Equal(["own1", "r1", "own2", "r3", "own3"], inA.Select(e => e.EntryId));
        Assert.True(inA.Select(e => e.Sequence).SequenceEqual(inA.Select(e => e.Sequence).Order()));
        Assert.Equal(("person:1", "inst:a", "{\"n\":1}"), (inA[1].Stream, inA[1].AlsoStream, inA[1].Payload));
        Assert.All(inA, e => Assert.True(e.Stream == "inst:a" || e.AlsoStream == "inst:a"));
        Assert.Null(inA[0].AlsoStream);

        // Paged two at a time: every entry once, in order (each index's first two after the position, merged).
        var paged = new List<string>();
        for (var after = 0L; await storage.ReadAsync("inst:a", after, 2) is { Count: > 0 } page; after = page[^1].Sequence)
        {
            Assert.InRange(page.Count, 1, 2);
            paged.AddRange(page.Select(e => e.EntryId));
        }

        Assert.Equal(inA.Select(e => e.EntryId), paged);
        Assert.Equal(["r2"], (await storage.ReadAsync("inst:b", 0, 10)).Select(e => e.EntryId));
        Assert.Equal(["r1", "r3", "plain"], (await storage.ReadAsync("person:1", 0, 10)).Select(e => e.EntryId));
        Assert.Equal(["r1", "r3", "plain"], (await storage.ReadOwnStreamAsync("person:1", 0, 10)).Select(e => e.EntryId));
        Assert.Equal(["own1", "own2", "own3"], (await storage.ReadOwnStreamAsync("inst:a", 0, 10)).Select(e => e.EntryId));
        Assert.Equal(["own1", "r1", "r2", "own2", "r3", "own3"], (await storage.ReadByStreamPrefixAsync("inst:", 0, 10)).Select(e => e.EntryId));
        Assert.Equal(["own1", "r1", "r2", "own2", "r3", "plain", "own3"], (await storage.ReadByStreamPrefixesAsync(["inst:", "person:"], 0, 10)).Select(e => e.EntryId));
        Assert.Equal(["r1", "r2", "r3", "plain"], (await storage.ReadByStreamPrefixesAsync(["person:"], 0, 10)).Select(e => e.EntryId));
        Assert.Equal("inst:b", (await storage.FindAsync("r2"))!.AlsoStream);
        Assert.Equal(7, (await storage.ReadAllAsync(0, 10)).Count);
    }

    [Fact]
    public async Task An_entry_with_a_second_stream_commits_in_a_batch_redone_around_a_refused_write()
    {
        var storage = await StartAsync(o => o.GroupCommitWindow = TimeSpan.FromSeconds(1));
        var first = WriteAsync(storage, "a", null, "v", new JournalAppend("s", "e1", "{}"));
        var duplicate = WriteAsync(storage, "b", null, "v", new JournalAppend("s", "e1", "{}") { AlsoStream = "t" });
        var last = WriteAsync(storage, "d", null, "v", new JournalAppend("s", "e2", "{}") { AlsoStream = "t" });

        await first;
        await Assert.ThrowsAsync<DuplicateJournalEntryException>(() => duplicate);
        await last;
        Assert.Equal(1, storage.Statistics.OptimisticFallbacks);
        Assert.Equal([("e2", "t")], (await storage.ReadAsync("t", 0, 10)).Select(e => (e.EntryId, e.AlsoStream!)));
        Assert.Null((await storage.FindAsync("e1"))!.AlsoStream);
    }

    [Fact]
    public void A_second_stream_must_be_another_non_empty_name()
    {
        var same = Assert.Throws<ArgumentException>(() => new JournalAppend("s", "e", "{}") { AlsoStream = "s" });
        Assert.StartsWith("An entry's second stream must be a non-empty name other than its stream ('s').", same.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new JournalAppend("s", "e", "{}") { AlsoStream = "" });
        Assert.Null(new JournalAppend("s", "e", "{}") { AlsoStream = null }.AlsoStream);
    }

    [Fact]
    public async Task A_payload_reads_back_as_the_exact_UTF8_bytes_it_was_appended_with()
    {
        var storage = await StartAsync(_ => { });
        const string Json = "{\"name\":\"统筹基金 大额医疗\",\"note\":\"😀 \\u0041\"}";
        var append = new JournalAppend("u", "utf8", Json);
        await WriteAsync(storage, "k", null, "v", append);

        var found = await storage.FindAsync("utf8");
        var read = Assert.Single(await storage.ReadAsync("u", 0, 10));

        Assert.Equal(append.Utf8Payload, found!.Utf8Payload.ToArray());
        Assert.Equal(append.Utf8Payload, read.Utf8Payload.ToArray());
        Assert.Equal(Json, read.Payload);
    }

    [Fact]
    public async Task Reading_a_stream_from_an_entry_returns_that_entry_and_those_after_it_in_one_read()
    {
        var storage = await StartAsync(_ => { });
        await WriteAsync(storage, "k", null, "v1", new JournalAppend("s1", "a", "{}"), new JournalAppend("s1", "b", "{}"), new JournalAppend("s2", "x", "{}"));
        await WriteAsync(storage, "k", "1", "v2", new JournalAppend("s1", "c", "{}"), new JournalAppend("s1", "d", "{}"));

        Assert.Equal(["b", "c", "d"], (await storage.ReadOwnStreamFromAsync("s1", "b", 10)).Select(e => e.EntryId));
        Assert.Equal(["b", "c"], (await storage.ReadOwnStreamFromAsync("s1", "b", 2)).Select(e => e.EntryId));
        Assert.Equal(["d"], (await storage.ReadOwnStreamFromAsync("s1", "d", 10)).Select(e => e.EntryId));
        Assert.Equal(["c", "d"], (await storage.ReadOwnStreamFromAsync("s1", "x", 10)).Select(e => e.EntryId)); // x is s2's
        Assert.Empty(await storage.ReadOwnStreamFromAsync("s1", "missing", 10));
    }

    [Fact]
    public async Task Duplicate_journal_entry_id_is_rejected_and_leaves_the_state_unchanged()
    {
        var storage = await StartAsync(_ => { });
        await WriteAsync(storage, "a", null, "a1", new JournalAppend("s", "dup", "{}"));

        var error = await Assert.ThrowsAsync<DuplicateJournalEntryException>(
            () => WriteAsync(storage, "b", null, "b1", new JournalAppend("s", "fresh", "{}"), new JournalAppend("s", "dup", "{}")));

        Assert.Equal("dup", error.EntryId);
        Assert.False((await ReadAsync(storage, "b")).RecordExists);
        Assert.Null(await storage.FindAsync("fresh"));
        Assert.Single(await storage.ReadAsync("s", 0, 10));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_entry_found_by_id_only_is_found_by_its_id_and_in_no_stream(bool groupCommit)
    {
        var storage = await StartAsync(o => o.GroupCommitEnabled = groupCommit);
        var json = Payload(20);

        await WriteAsync(storage, "a", null, "a1",
            new JournalAppend("s", "before", "{}"), new JournalAppend("msg", "key:1", json) { FoundByIdOnly = true }, new JournalAppend("s", "after", "{}"));

        var found = await storage.FindAsync("key:1");
        Assert.NotNull(found);
        Assert.Equal(("key:1", json, 0L, ""), (found.EntryId, found.Payload, found.Sequence, found.Stream));
        Assert.Equal(["before", "after"], (await storage.ReadAllAsync(0, 10)).Select(e => e.EntryId));
        Assert.Empty(await storage.ReadAsync("msg", 0, 10));
        Assert.Empty(await storage.ReadByStreamPrefixAsync("m", 0, 10));
        Assert.Equal("a1", (await ReadAsync(storage, "a")).State!.Value);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_id_found_by_id_only_is_refused_a_second_time_and_when_it_is_a_stream_entry_with_nothing_written(bool groupCommit)
    {
        var storage = await StartAsync(o => o.GroupCommitEnabled = groupCommit);
        await WriteAsync(storage, "a", null, "a1", new JournalAppend("msg", "key:1", "{\"n\":1}") { FoundByIdOnly = true });
        await WriteAsync(storage, "b", null, "b1", new JournalAppend("msg", "row:1", "{\"n\":2}")); // as receipts were written before

        var again = await Assert.ThrowsAsync<DuplicateJournalEntryException>(() => WriteAsync(storage, "c", null, "c1",
            new JournalAppend("s", "c-entry", "{}"), new JournalAppend("msg", "key:1", "{\"n\":3}") { FoundByIdOnly = true }));
        var asRow = await Assert.ThrowsAsync<DuplicateJournalEntryException>(() => WriteAsync(storage, "d", null, "d1",
            new JournalAppend("msg", "row:1", "{\"n\":4}") { FoundByIdOnly = true }, new JournalAppend("s", "d-entry", "{}")));

        Assert.Equal(("key:1", "row:1"), (again.EntryId, asRow.EntryId));
        Assert.False((await ReadAsync(storage, "c")).RecordExists);
        Assert.False((await ReadAsync(storage, "d")).RecordExists);
        Assert.Null(await storage.FindAsync("c-entry"));
        Assert.Null(await storage.FindAsync("d-entry"));
        Assert.Equal("{\"n\":1}", (await storage.FindAsync("key:1"))!.Payload);
        Assert.Equal("{\"n\":2}", (await storage.FindAsync("row:1"))!.Payload);
        Assert.Equal(["row:1"], (await storage.ReadAllAsync(0, 10)).Select(e => e.EntryId));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_stream_entry_unique_among_keyed_entries_is_refused_when_an_entry_found_by_id_only_holds_its_id(bool groupCommit)
    {
        var storage = await StartAsync(o => o.GroupCommitEnabled = groupCommit);
        await WriteAsync(storage, "a", null, "a1", new JournalAppend("msg", "key:1", "{\"n\":1}") { FoundByIdOnly = true });

        var refused = await Assert.ThrowsAsync<DuplicateJournalEntryException>(() => WriteAsync(storage, "c", null, "c1",
            new JournalAppend("s", "c-entry", "{}"), new JournalAppend("s", "key:1", "{\"n\":2}") { UniqueAmongKeyedEntries = true }));

        Assert.Equal("key:1", refused.EntryId);
        Assert.False((await ReadAsync(storage, "c")).RecordExists);
        Assert.Null(await storage.FindAsync("c-entry"));
        var kept = await storage.FindAsync("key:1");
        Assert.Equal(("{\"n\":1}", 0L), (kept!.Payload, kept.Sequence));
        Assert.Empty(await storage.ReadAllAsync(0, 10));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_stream_entry_unique_among_keyed_entries_is_a_row_in_its_place_and_its_id_is_refused_to_both_kinds_after(bool groupCommit)
    {
        var storage = await StartAsync(o => o.GroupCommitEnabled = groupCommit);
        var json = Payload(20);

        await WriteAsync(storage, "a", null, "a1",
            new JournalAppend("s", "before", "{}"), new JournalAppend("s", "row:1", json) { UniqueAmongKeyedEntries = true, AlsoStream = "t" }, new JournalAppend("s", "after", "{}"));
        var asRow = await Assert.ThrowsAsync<DuplicateJournalEntryException>(() => WriteAsync(storage, "b", null, "b1",
            new JournalAppend("s", "row:1", "{}") { UniqueAmongKeyedEntries = true }));
        var asKeyed = await Assert.ThrowsAsync<DuplicateJournalEntryException>(() => WriteAsync(storage, "c", null, "c1",
            new JournalAppend("msg", "row:1", "{}") { FoundByIdOnly = true }));

        Assert.Equal(["before", "row:1", "after"], (await storage.ReadAsync("s", 0, 10)).Select(e => e.EntryId));
        Assert.Equal(["row:1"], (await storage.ReadAsync("t", 0, 10)).Select(e => e.EntryId));
        var found = await storage.FindAsync("row:1");
        Assert.Equal(("s", json), (found!.Stream, found.Payload));
        Assert.Equal(("row:1", "row:1"), (asRow.EntryId, asKeyed.EntryId));
        Assert.False((await ReadAsync(storage, "b")).RecordExists);
        Assert.False((await ReadAsync(storage, "c")).RecordExists);
        Assert.Equal("a1", (await ReadAsync(storage, "a")).State!.Value);
    }

    /// <summary>A JSON payload long enough to be stored compressed.</summary>
    private static string Payload(int items) =>
        "{\"items\":[" + string.Join(',', Enumerable.Range(0, items).Select(i => $"\"step {i}: total 385.45 = funds 0.00\"")) + "]}";

    [Fact]
    public async Task More_appends_than_one_statement_holds_commit_together()
    {
        var storage = await StartAsync(_ => { });
        var appends = Enumerable.Range(0, 40).Select(i => new JournalAppend("many", $"m{i:D2}", "{}")).ToArray();

        await WriteAsync(storage, "k", null, "v", appends);

        Assert.Equal(appends.Select(a => a.EntryId), (await storage.ReadAsync("many", 0, 100)).Select(e => e.EntryId));
    }

    [Fact]
    public async Task Cleared_record_is_a_tombstone_and_a_stale_writer_still_conflicts()
    {
        var storage = await StartAsync(_ => { });
        await WriteAsync(storage, "k", null, "a");
        var state = new GrainState<Box>(new Box("a"), "1");

        await storage.ClearStateAsync("s", Id("k"), state);

        Assert.Equal(("2", false, ""), (state.ETag, state.RecordExists, state.State!.Value));
        var read = await ReadAsync(storage, "k");
        Assert.Equal(("2", false), (read.ETag, read.RecordExists));
        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(storage, "k", "1", "stale"));
        Assert.Equal("3", (await WriteAsync(storage, "k", "2", "again")).ETag);
    }

    [Fact]
    public async Task Stop_commits_every_queued_write_before_it_returns()
    {
        var storage = await StartAsync(o => o.GroupCommitWindow = TimeSpan.FromMilliseconds(500));
        var writes = Enumerable.Range(0, 40).Select(i => WriteAsync(storage, $"k{i}", null, "v")).ToList();

        await storage.StopAsync();

        // Stop returns once every queued write is committed; the callers' continuations may run a moment later.
        for (var i = 0; i < 40; i++)
        {
            var read = await ReadAsync(storage, $"k{i}");
            Assert.Equal(("1", true), (read.ETag, read.RecordExists));
        }
        Assert.All(await Task.WhenAll(writes), w => Assert.Equal("1", w.ETag));
        await Assert.ThrowsAsync<OrleansException>(() => WriteAsync(storage, "late", null, "v"));
    }

    [Fact]
    public async Task State_written_by_an_older_shape_reads_into_the_new_one()
    {
        var storage = await StartAsync(_ => { });
        await WriteAsync(storage, "k", null, "old");

        var state = new GrainState<WiderBox>(new WiderBox());
        await storage.ReadStateAsync("s", Id("k"), state);

        Assert.Equal(("old", 0, "1"), (state.State!.Value, state.State.Added, state.ETag));
    }

    [Fact]
    public async Task Append_only_write_commits_its_entries_and_leaves_the_row_and_its_version()
    {
        var storage = await StartAsync(_ => { });
        var state = await WriteAsync(storage, "k", null, "v1");
        state.State!.Value = "changed in memory";

        await storage.AppendAsync("s", Id("k"), state, [new JournalAppend("p", "a1", "{}"), new JournalAppend("p", "a2", "{}")], null, CancellationToken.None);

        Assert.Equal(["a1", "a2"], (await storage.ReadOwnStreamAsync("p", 0, 10)).Select(e => e.EntryId));
        var read = await ReadAsync(storage, "k");
        Assert.Equal(("v1", "1", "1"), (read.State!.Value, read.ETag, state.ETag));
        Assert.Equal(0, storage.Statistics.OptimisticFallbacks); // the version check passed on the fast path (one round trip on PostgreSQL)
    }

    [Fact]
    public async Task An_append_only_write_needs_a_stored_state_to_fence_against()
    {
        var storage = await StartAsync(_ => { });
        var state = new GrainState<Box>(new Box("v"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => storage.AppendAsync("s", Id("k"), state, [new JournalAppend("p", "e", "{}")], null, CancellationToken.None));

        Assert.Equal("test/k (s) has no stored state to append after; write the state first.", error.Message);
        Assert.Null(await storage.FindAsync("e"));
    }

    [Fact]
    public async Task Append_after_another_activation_wrote_the_state_is_refused_and_appends_nothing()
    {
        var storage = await StartAsync(_ => { });
        var stale = await WriteAsync(storage, "k", null, "v1");
        await WriteAsync(storage, "k", "1", "newer activation");

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.AppendAsync("s", Id("k"), stale, [new JournalAppend("p", "lost", "{}")], null, CancellationToken.None));

        Assert.Null(await storage.FindAsync("lost"));
        Assert.Equal(("newer activation", "2"), ((await ReadAsync(storage, "k")).State!.Value, (await ReadAsync(storage, "k")).ETag));
    }

    [Fact]
    public async Task Fenced_write_is_refused_when_its_stream_has_an_entry_after_the_fence()
    {
        var storage = await StartAsync(_ => { });
        var state = await WriteAsync(storage, "k", null, "v1", new JournalAppend("p", "e1", "{}"));
        var fence = new StreamFence("p", "e1");
        var other = await WriteAsync(storage, "other", null, "x", new JournalAppend("q", "unrelated", "{}"));

        // Entries of other streams do not matter: the fenced write commits.
        state.State!.Value = "v2";
        await storage.WriteStateAsync("s", Id("k"), state, [], fence, CancellationToken.None);
        Assert.Equal("2", state.ETag);
        Assert.Equal(0, storage.Statistics.OptimisticFallbacks);

        // An entry of the fenced stream this writer did not read refuses the write, its appends included.
        await storage.WriteStateAsync("s", Id("other"), other, [new JournalAppend("p", "e2", "{}")], CancellationToken.None);
        state.State.Value = "v3";
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("s", Id("k"), state, [], fence, CancellationToken.None));
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteStateAsync("s", Id("k"), state, [new JournalAppend("p", "e3", "{}")], fence, CancellationToken.None));

        Assert.Null(await storage.FindAsync("e3"));
        Assert.Equal(("v2", "2"), ((await ReadAsync(storage, "k")).State!.Value, (await ReadAsync(storage, "k")).ETag));
        Assert.Equal(["e1", "e2"], (await storage.ReadOwnStreamAsync("p", 0, 10)).Select(e => e.EntryId));

        // Fenced at the stream's newest entry, the write commits again.
        await storage.WriteStateAsync("s", Id("k"), state, [new JournalAppend("p", "e3", "{}")], new StreamFence("p", "e2"), CancellationToken.None);
        Assert.Equal("3", state.ETag);
    }

    [Fact]
    public async Task A_fence_without_a_last_entry_requires_an_empty_stream()
    {
        var storage = await StartAsync(_ => { });
        var state = await WriteAsync(storage, "k", null, "v1");

        await storage.AppendAsync("s", Id("k"), state, [new JournalAppend("p", "first", "{}")], new StreamFence("p", null), CancellationToken.None);
        var error = await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.AppendAsync("s", Id("k"), state, [new JournalAppend("p", "second", "{}")], new StreamFence("p", null), CancellationToken.None));

        Assert.Contains("stream 'p' has entries after none that this activation did not read", error.Message, StringComparison.Ordinal);
        Assert.Equal(["first"], (await storage.ReadOwnStreamAsync("p", 0, 10)).Select(e => e.EntryId));
    }

    /// <summary>
    /// Two activations that read the same state and stream append without rewriting the row, each fenced at the entry
    /// it read: the first commits, the second is refused and writes nothing, though the row's version did not change.
    /// </summary>
    [Fact]
    public async Task Of_two_fenced_appends_from_the_same_point_only_the_first_commits()
    {
        var storage = await StartAsync(_ => { });
        var older = await WriteAsync(storage, "k", null, "v1", new JournalAppend("p", "e1", "{}"));
        var newer = await ReadAsync(storage, "k");

        await storage.AppendAsync("s", Id("k"), newer, [new JournalAppend("p", "newer", "{}"), new JournalAppend("q", "newer-posting", "{}")], new StreamFence("p", "e1"), CancellationToken.None);
        var error = await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.AppendAsync("s", Id("k"), older, [new JournalAppend("p", "older", "{}"), new JournalAppend("q", "older-posting", "{}")], new StreamFence("p", "e1"), CancellationToken.None));

        Assert.Contains("stream 'p' has entries after 'e1' that this activation did not read", error.Message, StringComparison.Ordinal);
        Assert.Equal(["e1", "newer"], (await storage.ReadOwnStreamAsync("p", 0, 10)).Select(e => e.EntryId));
        Assert.Null(await storage.FindAsync("older-posting"));
        Assert.Equal(("1", "1"), (older.ETag, newer.ETag));

        // Fenced at the entry it committed, the newer activation goes on appending.
        await storage.AppendAsync("s", Id("k"), newer, [new JournalAppend("p", "newer-2", "{}")], new StreamFence("p", "newer"), CancellationToken.None);
        Assert.Equal(["e1", "newer", "newer-2"], (await storage.ReadOwnStreamAsync("p", 0, 10)).Select(e => e.EntryId));
    }

    /// <summary>
    /// The writer keeps its prepared statements from batch to batch; they go on working across a refused write (redone
    /// with savepoints), a failed transaction (the connection and its statements are replaced) and many batches.
    /// </summary>
    [Fact]
    public async Task The_writer_goes_on_across_refused_writes_failed_transactions_and_many_batches()
    {
        var storage = await StartAsync(_ => { });
        var state = await WriteAsync(storage, "k", null, "v0", new JournalAppend("p", "e0", "{}"));
        for (var i = 1; i <= 5; i++)
        {
            state.State!.Value = $"v{i}";
            await storage.WriteStateAsync("s", Id("k"), state, [new JournalAppend("p", $"e{i}", "{}")], CancellationToken.None);
        }

        var stale = new GrainState<Box>(new Box("stale"), "1");
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteStateAsync("s", Id("k"), stale, [new JournalAppend("p", "stale", "{}")], CancellationToken.None));

        var failOnce = 1;
        storage.BeforeWritesForTesting = () => Interlocked.Exchange(ref failOnce, 0) == 1 ? throw new IOException("the disk is gone for a moment") : Task.CompletedTask;
        state.State!.Value = "lost";
        await Assert.ThrowsAsync<IOException>(() => storage.WriteStateAsync("s", Id("k"), state, [new JournalAppend("p", "lost", "{}")], CancellationToken.None));

        state.State.Value = "v6";
        await storage.WriteStateAsync("s", Id("k"), state, [new JournalAppend("p", "e6", "{}")], CancellationToken.None);
        await storage.AppendAsync("s", Id("k"), state, [new JournalAppend("p", "e7", "{}")], new StreamFence("p", "e6"), CancellationToken.None);

        Assert.Equal(["e0", "e1", "e2", "e3", "e4", "e5", "e6", "e7"], (await storage.ReadOwnStreamAsync("p", 0, 20)).Select(e => e.EntryId));
        var read = await ReadAsync(storage, "k");
        Assert.Equal(("v6", "7"), (read.State!.Value, read.ETag));
    }

    private async Task<GroupCommitGrainStorage> StartAsync(Action<GroupCommitStorageOptions> configure)
    {
        var storage = await CreateStorageAsync(configure);
        _storages.Add(storage);
        await storage.StartAsync(CancellationToken.None);
        return storage;
    }

    private static GrainId Id(string key) => GrainId.Create("test", key);

    private static async Task<GrainState<Box>> WriteAsync(GroupCommitGrainStorage storage, string key, string? etag, string value, params JournalAppend[] appends)
    {
        var state = new GrainState<Box>(new Box(value), etag);
        await storage.WriteStateAsync("s", Id(key), state, appends, CancellationToken.None);
        return state;
    }

    private static async Task<GrainState<Box>> ReadAsync(GroupCommitGrainStorage storage, string key)
    {
        var state = new GrainState<Box>(new Box("unread"));
        await storage.ReadStateAsync("s", Id(key), state);
        return state;
    }

    /// <summary>Holds every write transaction open (after BEGIN, before its statements) until released.</summary>
    private static Gate HoldTransactions(GroupCommitGrainStorage storage)
    {
        var gate = new Gate();
        storage.BeforeWritesForTesting = async () =>
        {
            gate.Entered.TrySetResult();
            await gate.Release.Task;
        };
        return gate;
    }

    private sealed class Gate
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public sealed class Box
    {
        public Box()
        {
        }

        public Box(string value) => Value = value;

        public string Value { get; set; } = "";
    }

    public sealed class WiderBox
    {
        public string Value { get; set; } = "";

        public int Added { get; set; }
    }
}
