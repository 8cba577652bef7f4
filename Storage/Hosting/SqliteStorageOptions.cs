namespace Medisettle.Storage.Hosting;

/// <summary>The embedded SQLite storage (WAL). Acknowledged writes survive a process kill; with
/// <see cref="SqliteSynchronousMode.Full"/> (default) also power loss.</summary>
public sealed class SqliteStorageOptions : GroupCommitStorageOptions
{
    /// <summary>Database file; its directory is created. Default <c>data/silo.db</c>.</summary>
    public string DatabasePath { get; set; } = Path.Combine("data", "silo.db");

    /// <summary>Default <see cref="SqliteSynchronousMode.Full"/>.</summary>
    public SqliteSynchronousMode Synchronous { get; set; } = SqliteSynchronousMode.Full;

    /// <summary>
    /// Page cache of each connection, in KiB (<c>PRAGMA cache_size</c>). SQLite's default (2 MiB) makes every journal
    /// index insert read its B-tree pages back from the OS once the database outgrows it. Default 65,536 (64 MiB).
    /// </summary>
    public int CacheSizeKibibytes { get; set; } = 65_536;

    /// <summary>
    /// How often a connection of its own checkpoints the WAL into the database (<c>PRAGMA wal_checkpoint(PASSIVE)</c>,
    /// which never waits for the writer), so the committing writer never does. Zero leaves checkpoints to the committing
    /// writer, every <see cref="WalAutoCheckpointPages"/> pages, inside a commit. Default 10 ms: measured with
    /// <c>LoadTest physical</c>, taking the checkpoints out of the commits raised the ceiling of today's settlement by a third.
    /// </summary>
    public TimeSpan BackgroundCheckpointInterval { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// WAL pages after which a committing writer checkpoints (<c>PRAGMA wal_autocheckpoint</c>) when
    /// <see cref="BackgroundCheckpointInterval"/> is zero; 0 disables automatic checkpoints. Default 1,000 (SQLite's default).
    /// </summary>
    public int WalAutoCheckpointPages { get; set; } = 1000;

    /// <summary>
    /// How often the journal's stream index takes in the entries committed since its last flush (a file made by this
    /// version: <see cref="Dialects.SqliteStreamIndex"/>). Entries are indexed in key order, a few thousand per transaction,
    /// so each page of the index is written about once a flush rather than once a commit; until then the silo finds them
    /// in memory, and after a crash by reading the journal from the last flush. Longer: fewer index pages written, more
    /// memory and a longer read at start after a crash. Default 5 s; 100 ms to 1 min.
    /// </summary>
    public TimeSpan StreamIndexFlushInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a connection waits for a lock held by another connection. Default 30 s.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
