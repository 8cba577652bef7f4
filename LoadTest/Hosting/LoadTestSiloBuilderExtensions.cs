using Medisettle.LoadTest.Targets;
using Medisettle.Storage.Hosting;
using Medisettle.Storage.Serialization;

namespace Medisettle.LoadTest.Hosting;

public static class LoadTestSiloBuilderExtensions
{
    /// <summary>ADO.NET invariant of Npgsql, the name Orleans' AdoNet providers know PostgreSQL by.</summary>
    public const string NpgsqlInvariant = "Npgsql";

    /// <summary>
    /// Registers the default grain storage <see cref="InProcessOptions.Storage"/> names: the project's group-commit storage on
    /// SQLite or PostgreSQL, or Orleans' own AdoNet storage on PostgreSQL (the baseline; call
    /// <see cref="CoHostedSilo.PrepareStorageAsync"/> first, it applies the schema the provider needs). The baseline gets the
    /// same System.Text.Json state serializer as the group-commit storage, so a comparison differs in the storage alone.
    /// </summary>
    public static ISiloBuilder AddLoadTestStorage(this ISiloBuilder silo, InProcessOptions options)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(options);
        switch (options.Storage)
        {
            case StorageKind.Sqlite:
                return silo.AddSqliteGroupCommitStorageAsDefault(sqlite =>
                {
                    sqlite.DatabasePath = options.DatabasePath;
                    sqlite.Synchronous = options.SqliteSynchronous;
                    ConfigureGroupCommit(sqlite, options);
                });
            case StorageKind.Postgres:
                var connectionString = CoHostedSilo.RequireConnectionString(options);
                return silo.AddPostgresGroupCommitStorageAsDefault(pg =>
                {
                    pg.ConnectionString = connectionString;
                    ConfigureGroupCommit(pg, options);
                });
            case StorageKind.AdoNetPostgres:
                var adoNetConnectionString = CoHostedSilo.RequireConnectionString(options);
                return silo.AddAdoNetGrainStorageAsDefault(adoNet =>
                {
                    adoNet.Invariant = NpgsqlInvariant;
                    adoNet.ConnectionString = adoNetConnectionString;
                    adoNet.GrainStorageSerializer = new JsonGrainStateSerializer(JsonGrainStateSerializer.CreateDefaultOptions());
                });
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Storage, "InProcessOptions.Storage is not a known storage kind.");
        }
    }

    private static void ConfigureGroupCommit(GroupCommitStorageOptions target, InProcessOptions options)
    {
        target.GroupCommitEnabled = options.GroupCommitEnabled;
        target.GroupCommitWindow = options.GroupCommitWindow;
        target.GroupCommitBatchMax = options.GroupCommitBatchMax;
    }
}
