using Medisettle.Storage.Dialects;
using Medisettle.Storage.GroupCommit;
using Microsoft.Data.Sqlite;

namespace Medisettle.Storage.Tests;

/// <summary>
/// The storage contract on a SQLite file made before the stream index of its own (<see cref="SqliteStreamIndex"/>): its
/// journal table keeps its (stream, sequence) index, and reads and fences use it as they did.
/// </summary>
public sealed class SqliteEarlierLayoutStorageTests : StorageSuite
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"medisettle-sqlite-before-{Guid.NewGuid():N}");

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>A file with the journal table and its (stream, sequence) index, as a silo of the earlier layout made it.</summary>
    internal static async Task CreateEarlierLayoutAsync(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;" + SqliteDialect.JournalTable + SqliteDialect.JournalStreamIndex;
        await command.ExecuteNonQueryAsync();
    }

    protected override async Task<GroupCommitGrainStorage> CreateStorageAsync(Action<Hosting.GroupCommitStorageOptions> configure)
    {
        var path = Path.Combine(_directory, $"{Guid.NewGuid():N}.db");
        await CreateEarlierLayoutAsync(path);
        return TestStorages.Sqlite(path, o => configure(o));
    }

    [Fact]
    public async Task A_file_made_before_keeps_its_journal_index_and_gets_no_stream_index()
    {
        var path = Path.Combine(_directory, "before.db");
        await CreateEarlierLayoutAsync(path);
        var dialect = new SqliteDialect(new Hosting.SqliteStorageOptions { DatabasePath = path });

        await dialect.EnsureSchemaAsync(CancellationToken.None);

        Assert.Null(dialect.StreamIndex);
        Assert.Equal(["ix_journal_stream_sequence"], await SqliteStreamIndexTests.ObjectsAsync(path, "index", "ix_journal_stream_sequence"));
        Assert.Empty(await SqliteStreamIndexTests.ObjectsAsync(path, "table", "stream_index"));
    }
}
