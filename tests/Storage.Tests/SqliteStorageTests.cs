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

    [Theory]
    [InlineData(10, true)]
    [InlineData(0, false)]
    public async Task Background_checkpoints_copy_committed_pages_into_the_database_file_without_a_commit_doing_it(int intervalMilliseconds, bool copied)
    {
        var path = Path.Combine(_directory, $"{Guid.NewGuid():N}.db");
        await using var storage = TestStorages.Sqlite(path, o => o.BackgroundCheckpointInterval = TimeSpan.FromMilliseconds(intervalMilliseconds));
        await storage.StartAsync(CancellationToken.None);
        var before = new FileInfo(path).Length;

        for (var i = 0; i < 40; i++) // 40 × 8 KB: about 80 pages, far below the 1,000 after which a commit would checkpoint
        {
            await storage.WriteStateAsync("s", GrainId.Create("test", $"k{i}"), new GrainState<string>(new string('x', 8_000)), [], CancellationToken.None);
        }

        var written = before + 40 * 8_000;
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (new FileInfo(path).Length <= written && DateTime.UtcNow < deadline && copied)
        {
            await Task.Delay(20);
        }

        if (!copied)
        {
            await Task.Delay(300); // long enough for a background checkpoint, had one been running
        }

        Assert.Equal(copied, new FileInfo(path).Length > written);
    }
}
