using Medisettle.Storage.Hosting;

namespace Medisettle.LoadTest.Targets;

/// <summary>How the co-hosted silo is built: storage, group commit, demo data size.</summary>
public sealed record InProcessOptions
{
    public StorageKind Storage { get; init; } = StorageKind.Sqlite;

    /// <summary>SQLite file (deleted and re-created unless <see cref="AlreadySeeded"/>).</summary>
    public string DatabasePath { get; init; } = Path.Combine("data", "loadtest.db");

    /// <summary>
    /// The Data Protection key ring that protects the institutions' signing secrets at rest. Default: <c>keys</c> beside
    /// <see cref="DatabasePath"/> (kept with the data, so a run on an already seeded database can read them).
    /// </summary>
    public string KeysDirectory
    {
        get => _keysDirectory ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(DatabasePath))!, Interfaces.Security.CredentialProtection.KeysDirectoryName);
        init => _keysDirectory = value;
    }

    private readonly string? _keysDirectory;

    /// <summary>PostgreSQL connection string (required for <see cref="StorageKind.Postgres"/> and <see cref="StorageKind.AdoNetPostgres"/>).</summary>
    public string? ConnectionString { get; init; }

    /// <summary>The database already holds the demo data: skip seeding (and activate the persons instead, see <see cref="WarmUp"/>).</summary>
    public bool AlreadySeeded { get; init; }

    /// <summary>Activate every person before the run when the data was not seeded by this process. Default true.</summary>
    public bool WarmUp { get; init; } = true;

    /// <summary>
    /// Most thread-pool worker threads (0 = the runtime's default). The in-process commands set it to the core count:
    /// grain turns never block, and extra pool threads only take CPU from the group-commit writer thread.
    /// </summary>
    public int WorkerThreadsMax { get; init; }

    /// <summary>Journal entries the posting dispatcher reads per pass (0 = the silo's default).</summary>
    public int DispatchBatchMax { get; init; }

    /// <summary><c>SettlementOptions.PersonCheckpointEvery</c> of the silo.</summary>
    public int PersonCheckpointEvery { get; init; } = new Grains.SettlementOptions().PersonCheckpointEvery;

    /// <summary>Group commit of the project's storage; false = one transaction per write. Ignored by <see cref="StorageKind.AdoNetPostgres"/>.</summary>
    public bool GroupCommitEnabled { get; init; } = true;

    public TimeSpan GroupCommitWindow { get; init; } = new SqliteStorageOptions().GroupCommitWindow;

    public int GroupCommitBatchMax { get; init; } = 256;

    public SqliteSynchronousMode SqliteSynchronous { get; init; } = SqliteSynchronousMode.Full;

    /// <summary>SQLite's <see cref="SqliteStorageOptions.BackgroundCheckpointInterval"/> (zero: checkpoints inside the commits).</summary>
    public TimeSpan SqliteCheckpointInterval { get; init; } = new SqliteStorageOptions().BackgroundCheckpointInterval;

    /// <summary>The group-commit storage's <see cref="GroupCommitStorageOptions.CompressJournalPayloads"/> (SQLite and PostgreSQL).</summary>
    public bool CompressJournalPayloads { get; init; } = new SqliteStorageOptions().CompressJournalPayloads;

    public int PersonCount { get; init; } = 100_000;

    public int InstitutionCount { get; init; } = 500;

    /// <summary>Run the posting dispatcher in the background during the run (as a silo does). Default true.</summary>
    public bool DispatchInBackground { get; init; } = true;

    /// <summary>
    /// Orleans <c>GrainCollectionOptions.CollectionAge</c>: idle activations are collected after this long. Default 1 hour,
    /// longer than any run, so the measured seconds see the steady state (every person active) and no collection churn.
    /// </summary>
    public TimeSpan CollectionAge { get; init; } = TimeSpan.FromHours(1);

    public string Describe() => $"in-process {DescribeStorage()}, {PersonCount:N0} persons, {InstitutionCount} institutions, " +
        (PersonCheckpointEvery > 0 && Storage != StorageKind.AdoNetPostgres ? $"person rows rewritten every {PersonCheckpointEvery + 1} commits (the rest journal-only)" : "person row written with every settlement");

    /// <summary>The storage alone, e.g. "Sqlite, group commit on (window 1 ms, batch ≤ 256), synchronous=Full".</summary>
    public string DescribeStorage() => Storage == StorageKind.AdoNetPostgres
        ? "Orleans AdoNet storage on PostgreSQL (one transaction per state write; a write's journal appends in a transaction of their own before it)"
        : $"{Storage}, group commit {(GroupCommitEnabled ? $"on (window {GroupCommitWindow.TotalMilliseconds} ms, batch ≤ {GroupCommitBatchMax})" : "off (one transaction per write)")}" +
          (Storage == StorageKind.Sqlite ? $", synchronous={SqliteSynchronous}, " + (SqliteCheckpointInterval > TimeSpan.Zero ? $"WAL checkpoints in the background every {SqliteCheckpointInterval.TotalMilliseconds:0} ms" : "WAL checkpoints inside the commits") +
              (CompressJournalPayloads ? ", journal payloads compressed" : ", journal payloads as text") :
          Storage == StorageKind.Postgres && !CompressJournalPayloads ? ", journal payloads as JSON" : "");
}
