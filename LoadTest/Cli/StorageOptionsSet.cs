using System.CommandLine;
using Medisettle.LoadTest.Targets;
using Medisettle.Storage.Hosting;
using Medisettle.Storage.Testing;
using Npgsql;

namespace Medisettle.LoadTest.Cli;

/// <summary>Storage options of the in-process commands.</summary>
internal sealed class StorageOptionsSet
{
    public Option<StorageKind> Storage { get; } = new("--storage")
    {
        Description = "Sqlite or Postgres (the group-commit storage), or AdoNetPostgres (the baseline: Orleans' AdoNet provider, journal appends in a transaction of their own)",
        DefaultValueFactory = _ => StorageKind.Sqlite,
    };

    public Option<string> Database { get; } = new("--db") { Description = "SQLite file (re-created)", DefaultValueFactory = _ => Path.Combine("data", "loadtest", "loadtest.db") };

    public Option<string?> Postgres { get; } = new("--pg") { Description = "PostgreSQL connection string; default: start a local PostgreSQL 15 (fsync on) in a temp directory" };

    public Option<bool> NoGroupCommit { get; } = new("--no-group-commit") { Description = "The group-commit storage with one transaction per write" };

    public Option<double> WindowMilliseconds { get; } = new("--window-ms") { Description = "GroupCommitWindow in ms (default: the storage's, 0)", DefaultValueFactory = _ => new SqliteStorageOptions().GroupCommitWindow.TotalMilliseconds };

    public Option<int> BatchMax { get; } = new("--batch-max") { Description = "GroupCommitBatchMax", DefaultValueFactory = _ => new SqliteStorageOptions().GroupCommitBatchMax };

    public Option<int> CheckpointMilliseconds { get; } = new("--checkpoint-ms") { Description = "SQLite: background WAL checkpoint every N ms (0 = checkpoints inside the commits, every 1,000 pages)", DefaultValueFactory = _ => 10 };

    public Option<bool> UncompressedJournal { get; } = new("--uncompressed-journal") { Description = "Store journal payloads as JSON, not compressed (GroupCommitStorageOptions.CompressJournalPayloads false, SQLite and PostgreSQL; default: compressed)" };

    public Option<SqliteSynchronousMode> Synchronous { get; } = new("--synchronous") { Description = "SQLite synchronous: Full (power-loss safe, default) or Normal (process-crash safe)", DefaultValueFactory = _ => SqliteSynchronousMode.Full };

    public Option<int> WorkerThreads { get; } = new("--worker-threads-max") { Description = "Thread-pool worker threads at most (0 = runtime default)", DefaultValueFactory = _ => Environment.ProcessorCount };

    public Option<int> DispatchBatchMax { get; } = new("--dispatch-batch-max") { Description = "Journal entries the posting dispatcher reads per pass (0 = silo default 4,096)", DefaultValueFactory = _ => 0 };

    public Option<int> PersonCheckpointEvery { get; } = new("--person-checkpoint-every")
    {
        Description = "SettlementOptions.PersonCheckpointEvery: settlements a person commits as journal entries alone between rewrites of its row (0 = the row with every settlement)",
        DefaultValueFactory = _ => new Grains.SettlementOptions().PersonCheckpointEvery,
    };

    private bool _storageChoice = true;

    public static StorageOptionsSet Create() => new();

    /// <summary>Adds the options; without <paramref name="storageChoice"/> (for <c>bench</c>, which runs every storage) no --storage and --no-group-commit.</summary>
    public void AddTo(Command command, bool storageChoice = true)
    {
        _storageChoice = storageChoice;
        var choice = storageChoice ? new Option[] { Storage, NoGroupCommit } : [];
        foreach (var option in choice.Concat([Database, Postgres, WindowMilliseconds, BatchMax, Synchronous, CheckpointMilliseconds, UncompressedJournal, WorkerThreads, DispatchBatchMax, PersonCheckpointEvery]))
        {
            command.Options.Add(option);
        }
    }

    /// <summary>
    /// Starts a local durable PostgreSQL when a PostgreSQL storage is used (<paramref name="always"/>, or --storage) and no
    /// connection string is given.
    /// </summary>
    public async Task<LocalPostgresServer?> StartPostgresAsync(ParseResult result, CancellationToken cancellationToken, bool always = false) =>
        (always || (_storageChoice && result.GetValue(Storage) != StorageKind.Sqlite)) && string.IsNullOrEmpty(result.GetValue(Postgres))
            ? await LocalPostgresServer.StartAsync(new LocalPostgresOptions { Durable = true }, cancellationToken)
            : null;

    /// <summary>
    /// A new empty database named <paramref name="name"/>: on the local server, or next to the database of --pg (dropped
    /// first if it exists). Returns its connection string.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(ParseResult result, LocalPostgresServer? postgres, string name, CancellationToken cancellationToken)
    {
        if (postgres is not null)
        {
            return await postgres.CreateDatabaseAsync(name, cancellationToken);
        }

        var builder = new NpgsqlConnectionStringBuilder(result.GetValue(Postgres)) { Database = "postgres", Pooling = false };
        await using (var connection = new NpgsqlConnection(builder.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS \"{name}\"; CREATE DATABASE \"{name}\";";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        builder.Database = name;
        builder.Pooling = true;
        return builder.ConnectionString;
    }

    /// <summary>
    /// The in-process options the command line gives; for PostgreSQL a new database <paramref name="databaseName"/> on the
    /// local server, or the database of --pg as it is.
    /// </summary>
    public async Task<InProcessOptions> InProcessOptionsAsync(
        ParseResult result, CommonOptions common, LocalPostgresServer? postgres, string databaseName, CancellationToken cancellationToken)
    {
        var options = ToInProcessOptions(result, common);
        return postgres is null ? options : options with { ConnectionString = await postgres.CreateDatabaseAsync(databaseName, cancellationToken) };
    }

    /// <summary>The in-process options the command line gives (without --storage: SQLite with group commit).</summary>
    public InProcessOptions ToInProcessOptions(ParseResult result, CommonOptions common) => new()
    {
        Storage = _storageChoice ? result.GetValue(Storage) : StorageKind.Sqlite,
        DatabasePath = result.GetValue(Database)!,
        ConnectionString = result.GetValue(Postgres),
        GroupCommitEnabled = !_storageChoice || !result.GetValue(NoGroupCommit),
        GroupCommitWindow = TimeSpan.FromMilliseconds(result.GetValue(WindowMilliseconds)),
        GroupCommitBatchMax = result.GetValue(BatchMax),
        SqliteSynchronous = result.GetValue(Synchronous),
        SqliteCheckpointInterval = TimeSpan.FromMilliseconds(result.GetValue(CheckpointMilliseconds)),
        CompressJournalPayloads = !result.GetValue(UncompressedJournal),
        PersonCount = result.GetValue(common.Persons),
        WorkerThreadsMax = result.GetValue(WorkerThreads),
        DispatchBatchMax = result.GetValue(DispatchBatchMax),
        PersonCheckpointEvery = result.GetValue(PersonCheckpointEvery),
        InstitutionCount = result.GetValue(common.Institutions),
    };
}
