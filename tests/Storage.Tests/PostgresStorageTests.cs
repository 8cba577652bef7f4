using Medisettle.Storage.GroupCommit;
using Medisettle.Storage.Hosting;

namespace Medisettle.Storage.Tests;

[Collection(PostgresCollection.Name)]
public sealed class PostgresStorageTests(PostgresFixture postgres) : StorageSuite
{
    protected override async Task<GroupCommitGrainStorage> CreateStorageAsync(Action<GroupCommitStorageOptions> configure)
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync($"t{Guid.NewGuid():N}");
        return TestStorages.Postgres(connectionString, o => configure(o));
    }
}
