using Medisettle.Runtime.Configuration;
using Medisettle.Runtime.Testing;

namespace Medisettle.Runtime.Tests;

[Collection(PostgresCollection.Name)]
public sealed class PostgresStorageTests(PostgresFixture postgres) : StorageSuite
{
    protected override async Task<TestStorage> CreateStorageAsync(Action<GroupCommitOptions> configure)
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync($"t{Guid.NewGuid():N}");
        return TestStorage.Postgres(connectionString, o => configure(o));
    }
}
