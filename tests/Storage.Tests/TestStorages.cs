using Medisettle.Storage.Dialects;
using Medisettle.Storage.GroupCommit;
using Medisettle.Storage.Hosting;
using Medisettle.Storage.Serialization;
using Microsoft.Extensions.Logging.Abstractions;

namespace Medisettle.Storage.Tests;

/// <summary>Group-commit storages built directly (no silo), not yet started.</summary>
internal static class TestStorages
{
    public static GroupCommitGrainStorage Sqlite(string databasePath, Action<SqliteStorageOptions>? configure = null)
    {
        var options = new SqliteStorageOptions { DatabasePath = databasePath, Synchronous = SqliteSynchronousMode.Normal };
        configure?.Invoke(options);
        options.GrainStorageSerializer ??= new JsonGrainStateSerializer(JsonGrainStateSerializer.CreateDefaultOptions());
        return new GroupCommitGrainStorage("test", new SqliteDialect(options), TimeProvider.System, NullLogger.Instance);
    }

    public static GroupCommitGrainStorage Postgres(string connectionString, Action<PostgresStorageOptions>? configure = null)
    {
        var options = new PostgresStorageOptions { ConnectionString = connectionString };
        configure?.Invoke(options);
        options.GrainStorageSerializer ??= new JsonGrainStateSerializer(JsonGrainStateSerializer.CreateDefaultOptions());
        return new GroupCommitGrainStorage("test", new PostgresDialect(options), TimeProvider.System, NullLogger.Instance);
    }
}
