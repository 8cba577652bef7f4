using Medisettle.LoadTest.Disk;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Medisettle.LoadTest.Tests;

/// <summary><c>disk</c> counts a file's pages, its durable settlements and its rows by kind exactly, in either journal shape.</summary>
public sealed class DiskUsageTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "disk-test-" + Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_file_is_counted_in_pages_per_durable_settlement_with_its_rows_by_kind(bool secondStreams)
    {
        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, "silo.db");
        var also = secondStreams ? ", also_stream TEXT NULL" : "";
        await ExecuteAsync(path, $"""
            CREATE TABLE journal (sequence INTEGER PRIMARY KEY AUTOINCREMENT, stream TEXT NOT NULL, entry_id TEXT NOT NULL UNIQUE, payload TEXT NOT NULL, created_at INTEGER NOT NULL{also});
            CREATE TABLE grain_state (grain_type TEXT NOT NULL, grain_key TEXT NOT NULL, state_name TEXT NOT NULL, version INTEGER NOT NULL, payload BLOB NULL, updated_at INTEGER NOT NULL, UNIQUE (grain_type, grain_key, state_name));
            INSERT INTO journal (stream, entry_id, payload, created_at) VALUES
              ('msg', 'msgt:1:H1', '0123456789', 1), ('person:P1', 'setl:S1', '01234567890123456789', 1),
              ('msg', 'msgt:2:H1', '0123456789', 2), ('person:P1', 'setl:S2', '01234567890123456789', 2),
              ('msg', 'msgt:3:H1', '0123456789', 3), ('person:P1', 'cancel:S1', '0123', 3), ('post:inst:H1', 'post:S1:inst:H1:rev', '01234', 3),
              ('flag:H1', 'flag:S2-PersonVelocity', '012345', 2), ('job:daily-close', 'job:daily-close:2026-03-02', '0', 4);
            INSERT INTO grain_state VALUES ('person', 'P1', 'person', 3, x'00112233', 4), ('visit', 'V1', 'visit', 1, x'0011', 4), ('visit', 'V2', 'visit', 1, NULL, 4);
            """);
        if (secondStreams)
        {
            // A journal of this version: entries with a second stream, and receipts found by id only in their own table.
            await ExecuteAsync(path, "UPDATE journal SET also_stream = 'post:inst:H1' WHERE entry_id = 'setl:S1'");
            await ExecuteAsync(path, """
                CREATE TABLE journal_key (entry_id TEXT NOT NULL PRIMARY KEY, payload BLOB NOT NULL, created_at INTEGER NOT NULL) WITHOUT ROWID;
                INSERT INTO journal_key VALUES ('msgt:4:H1', x'0001020304050607', 4);
                """);
        }

        var usage = await DiskUsage.ReadAsync(path, CancellationToken.None);

        Assert.Equal((2L, 1L, 3L), (usage.Settlements, usage.Cancels, usage.DurableSettlements));
        Assert.Equal(new FileInfo(path).Length, usage.Bytes);
        Assert.Equal(usage.Pages * usage.PageSize, usage.Bytes);
        Assert.Equal(usage.Bytes / 3.0, usage.BytesPerSettlement);
        Assert.Equal( // most bytes first
            [
                new DiskRowKind("settlement records", 2, (2 * (20 + 7 + 9)) + (secondStreams ? 12 : 0)), // S1's second stream counts
                new DiskRowKind("message receipts", 3, 3 * (10 + 9 + 3)),
                new DiskRowKind("other entries", 1, 1 + 26 + 15),
                new DiskRowKind("posting rows", 1, 5 + 19 + 12),
                new DiskRowKind("control-rule flags", 1, 6 + 22 + 7),
                new DiskRowKind("cancel records", 1, 4 + 9 + 9),
                .. secondStreams ? [new DiskRowKind(DiskUsage.KeyedKind, 1, 8 + 9)] : Array.Empty<DiskRowKind>(),
            ],
            usage.JournalRows);
        Assert.Equal([new DiskStateKind("person", 1, 4), new DiskStateKind("visit", 2, 2)], usage.GrainStates);
        var text = usage.Describe("silo.db");
        Assert.Contains("durable settlements: 2 settlements + 1 cancels = 3", text, StringComparison.Ordinal);
        Assert.Contains($"bytes per durable settlement: {usage.Bytes / 3.0:N0}", text, StringComparison.Ordinal);
        Assert.Contains("  message receipts: 3, 66, 22", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Growth_is_the_bytes_added_per_durable_settlement_made_since_the_earlier_copy()
    {
        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, "silo.db");
        await ExecuteAsync(path, """
            CREATE TABLE journal (sequence INTEGER PRIMARY KEY AUTOINCREMENT, stream TEXT NOT NULL, entry_id TEXT NOT NULL UNIQUE, payload TEXT NOT NULL, created_at INTEGER NOT NULL);
            CREATE TABLE grain_state (grain_type TEXT NOT NULL, grain_key TEXT NOT NULL, state_name TEXT NOT NULL, version INTEGER NOT NULL, payload BLOB NULL, updated_at INTEGER NOT NULL, UNIQUE (grain_type, grain_key, state_name));
            INSERT INTO journal (stream, entry_id, payload, created_at) VALUES ('person:P1', 'setl:S1', '0', 1);
            """);
        var earlier = await DiskUsage.ReadAsync(path, CancellationToken.None);
        var filler = new string('x', 3000);
        await ExecuteAsync(path, string.Join(";", Enumerable.Range(2, 20).Select(i => $"INSERT INTO journal (stream, entry_id, payload, created_at) VALUES ('person:P1', 'setl:S{i}', '{filler}', 1)")));

        var later = await DiskUsage.ReadAsync(path, CancellationToken.None);

        Assert.True(later.Pages > earlier.Pages, $"{later.Pages} pages after, {earlier.Pages} before");
        Assert.Equal((later.Bytes - earlier.Bytes) / 20.0, later.GrowthPerSettlementSince(earlier));
        Assert.Equal(
            $"growth since first.db: {later.Bytes - earlier.Bytes:N0} bytes for 20 durable settlements = {(later.Bytes - earlier.Bytes) / 20.0:N0} bytes a settlement",
            later.DescribeGrowthSince(earlier, "first.db"));
        Assert.Null(earlier.GrowthPerSettlementSince(earlier));
        Assert.Equal("growth since first.db: no durable settlement was made in between", earlier.DescribeGrowthSince(earlier, "first.db"));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static async Task ExecuteAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
