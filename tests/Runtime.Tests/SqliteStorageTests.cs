using Medisettle.Runtime.Configuration;
using Medisettle.Runtime.Testing;

namespace Medisettle.Runtime.Tests;

public sealed class SqliteStorageTests : StorageSuite
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"medisettle-sqlite-{Guid.NewGuid():N}");

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    protected override Task<TestStorage> CreateStorageAsync(Action<GroupCommitOptions> configure) =>
        Task.FromResult(TestStorage.Sqlite(Path.Combine(_directory, $"{Guid.NewGuid():N}.db"), o => configure(o)));
}
