using System.CommandLine;
using Medisettle.LoadTest.Targets;
using Medisettle.Runtime.Configuration;
using Medisettle.Runtime.Testing;

namespace Medisettle.LoadTest.Cli;

/// <summary>Storage options of the in-process commands.</summary>
internal sealed class StorageOptionsSet
{
    public Option<StorageKind> Storage { get; } = new("--storage") { Description = "Sqlite or Postgres", DefaultValueFactory = _ => StorageKind.Sqlite };

    public Option<string> Database { get; } = new("--db") { Description = "SQLite file (re-created)", DefaultValueFactory = _ => Path.Combine("data", "loadtest", "loadtest.db") };

    public Option<string?> Postgres { get; } = new("--pg") { Description = "PostgreSQL connection string; default: start a local PostgreSQL 15 (fsync on) in a temp directory" };

    public Option<bool> NoGroupCommit { get; } = new("--no-group-commit") { Description = "One transaction per write (the baseline)" };

    public Option<double> WindowMilliseconds { get; } = new("--window-ms") { Description = "GroupCommitWindow in ms", DefaultValueFactory = _ => 1 };

    public Option<int> BatchMax { get; } = new("--batch-max") { Description = "GroupCommitBatchMax", DefaultValueFactory = _ => 256 };

    public Option<SqliteSynchronousMode> Synchronous { get; } = new("--synchronous") { Description = "SQLite synchronous: Full (power-loss safe, default) or Normal (process-crash safe)", DefaultValueFactory = _ => SqliteSynchronousMode.Full };

    public Option<int> WorkerThreads { get; } = new("--worker-threads-max") { Description = "Thread-pool worker threads at most (0 = runtime default)", DefaultValueFactory = _ => Environment.ProcessorCount };

    public Option<int> DispatchBatchMax { get; } = new("--dispatch-batch-max") { Description = "Journal entries the posting dispatcher reads per pass (0 = silo default 4,096)", DefaultValueFactory = _ => 0 };

    public static StorageOptionsSet Create() => new();

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Storage, Database, Postgres, NoGroupCommit, WindowMilliseconds, BatchMax, Synchronous, WorkerThreads, DispatchBatchMax })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Starts a local durable PostgreSQL when Postgres storage is chosen without a connection string.</summary>
    public async Task<LocalPostgresServer?> StartPostgresAsync(ParseResult result, CancellationToken cancellationToken) =>
        result.GetValue(Storage) == StorageKind.Postgres && string.IsNullOrEmpty(result.GetValue(Postgres))
            ? await LocalPostgresServer.StartAsync(new LocalPostgresOptions { Durable = true }, cancellationToken)
            : null;

    public async Task<InProcessOptions> InProcessOptionsAsync(
        ParseResult result, CommonOptions common, LocalPostgresServer? postgres, string databaseName, CancellationToken cancellationToken)
    {
        var connectionString = result.GetValue(Postgres);
        if (postgres is not null)
        {
            connectionString = await postgres.CreateDatabaseAsync(databaseName, cancellationToken);
        }

        return new InProcessOptions
        {
            Storage = result.GetValue(Storage),
            DatabasePath = result.GetValue(Database)!,
            ConnectionString = connectionString,
            GroupCommitEnabled = !result.GetValue(NoGroupCommit),
            GroupCommitWindow = TimeSpan.FromMilliseconds(result.GetValue(WindowMilliseconds)),
            GroupCommitBatchMax = result.GetValue(BatchMax),
            SqliteSynchronous = result.GetValue(Synchronous),
            PersonCount = result.GetValue(common.Persons),
            WorkerThreadsMax = result.GetValue(WorkerThreads),
            DispatchBatchMax = result.GetValue(DispatchBatchMax),
            InstitutionCount = result.GetValue(common.Institutions),
        };
    }
}
