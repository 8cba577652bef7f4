using Medisettle.LoadTest.Baseline;
using Medisettle.LoadTest.Targets;
using Medisettle.Storage.Hosting;
using Medisettle.Storage.Journal;
using Medisettle.Storage.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Medisettle.LoadTest.Hosting;

public static class LoadTestSiloBuilderExtensions
{
    /// <summary>ADO.NET invariant of Npgsql, the name Orleans' AdoNet providers know PostgreSQL by.</summary>
    public const string NpgsqlInvariant = "Npgsql";

    /// <summary>
    /// Name of the group-commit storage the AdoNet baseline registers only for its <c>journal</c> table (created at start)
    /// and its <see cref="IJournal"/> reads; no grain state is written through it.
    /// </summary>
    public const string BaselineJournalStorageName = "baseline-journal";

    /// <summary>Npgsql pool of the baseline's journal reads (dispatcher, receipts, audit), beside the AdoNet provider's pool of 100.</summary>
    public const int BaselineJournalReadConnectionsMax = 20;

    /// <summary>
    /// Registers the default grain storage <see cref="InProcessOptions.Storage"/> names: the project's group-commit storage on
    /// SQLite or PostgreSQL, or Orleans' own AdoNet storage on PostgreSQL (the baseline, see <see cref="AddAdoNetBaseline"/>;
    /// call <see cref="CoHostedSilo.PrepareStorageAsync"/> first, it applies the schema the provider needs).
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
                    sqlite.BackgroundCheckpointInterval = options.SqliteCheckpointInterval;
                    sqlite.CompressJournalPayloads = options.CompressJournalPayloads;
                    ConfigureGroupCommit(sqlite, options);
                });
            case StorageKind.Postgres:
                var connectionString = CoHostedSilo.RequireConnectionString(options);
                return silo.AddPostgresGroupCommitStorageAsDefault(pg =>
                {
                    pg.ConnectionString = connectionString;
                    pg.CompressJournalPayloads = options.CompressJournalPayloads;
                    ConfigureGroupCommit(pg, options);
                });
            case StorageKind.AdoNetPostgres:
                return silo.AddAdoNetBaseline(CoHostedSilo.RequireConnectionString(options));
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Storage, "InProcessOptions.Storage is not a known storage kind.");
        }
    }

    /// <summary>
    /// The baseline an Orleans user would deploy with Orleans' own provider: every grain's state in Orleans' AdoNet storage
    /// on PostgreSQL (the default storage; with the same System.Text.Json state serializer as the group-commit storage, so a
    /// comparison differs in the storage alone), and <c>[JournaledState]</c> served by <see cref="AdoNetJournaledState{TState}"/>:
    /// the state through that AdoNet storage, the journal appends before it in a transaction of their own
    /// (<see cref="PostgresJournalWriter"/>, same connection string), into the group-commit storage's journal table on the
    /// same database, read through its <see cref="IJournal"/> (the posting dispatcher, the person grain's receipts, the
    /// audit). Two transactions per journaled write, not one: not atomic.
    /// </summary>
    private static ISiloBuilder AddAdoNetBaseline(this ISiloBuilder silo, string connectionString)
    {
        silo.AddAdoNetGrainStorageAsDefault(adoNet =>
        {
            adoNet.Invariant = NpgsqlInvariant;
            adoNet.ConnectionString = connectionString;
            adoNet.GrainStorageSerializer = new JsonGrainStateSerializer(JsonGrainStateSerializer.CreateDefaultOptions());
        });
        var reads = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = BaselineJournalReadConnectionsMax }.ConnectionString;
        silo.AddPostgresGroupCommitStorage(BaselineJournalStorageName, pg =>
        {
            pg.ConnectionString = reads;
            pg.GroupCommitEnabled = false; // nothing is written through it
        });
        var services = silo.Services;
        services.AddSingleton(sp => sp.GetRequiredKeyedService<IJournal>(BaselineJournalStorageName));
        services.AddSingleton(sp => new PostgresJournalWriter(connectionString, sp.GetRequiredService<TimeProvider>()));
        services.Replace(ServiceDescriptor.Singleton<IAttributeToFactoryMapper<JournaledStateAttribute>, AdoNetJournaledStateAttributeMapper>());
        return silo;
    }

    private static void ConfigureGroupCommit(GroupCommitStorageOptions target, InProcessOptions options)
    {
        target.GroupCommitEnabled = options.GroupCommitEnabled;
        target.GroupCommitWindow = options.GroupCommitWindow;
        target.GroupCommitBatchMax = options.GroupCommitBatchMax;
    }
}
