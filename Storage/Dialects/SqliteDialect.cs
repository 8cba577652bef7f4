using System.Data.Common;
using System.Globalization;
using Medisettle.Storage.GroupCommit;
using Medisettle.Storage.Hosting;
using Microsoft.Data.Sqlite;

namespace Medisettle.Storage.Dialects;

/// <summary>
/// SQLite in WAL mode, one file. Durability: with <c>synchronous=FULL</c> (default) every acknowledged
/// commit is fsynced and survives power loss; with NORMAL it survives a process crash only.
/// </summary>
internal sealed class SqliteDialect : IStorageDialect
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS grain_state (
            grain_type TEXT NOT NULL,
            grain_key TEXT NOT NULL,
            state_name TEXT NOT NULL,
            version INTEGER NOT NULL,
            payload BLOB NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (grain_type, grain_key, state_name)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS journal (
            sequence INTEGER PRIMARY KEY AUTOINCREMENT,
            stream TEXT NOT NULL,
            entry_id TEXT NOT NULL UNIQUE,
            payload TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_journal_stream_sequence ON journal (stream, sequence);
        """;

    /// <summary>A column only the pre-Orleans storage had: its rows cannot be read by the Orleans grains.</summary>
    private const string OldSchemaProbe = "SELECT count(*) FROM pragma_table_info('grain_state') WHERE name = 'partition'";

    private readonly SqliteStorageOptions _options;
    private readonly string _connectionString;
    private readonly string _sessionSettings;

    public SqliteDialect(SqliteStorageOptions options)
    {
        _options = options;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.GetFullPath(options.DatabasePath),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();
        var synchronous = options.Synchronous == SqliteSynchronousMode.Full ? "FULL" : "NORMAL";
        var busyMilliseconds = ((long)options.BusyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        var cacheKibibytes = options.CacheSizeKibibytes.ToString(CultureInfo.InvariantCulture);
        var checkpoint = options.WalAutoCheckpointPages.ToString(CultureInfo.InvariantCulture);
        _sessionSettings = $"PRAGMA synchronous = {synchronous}; PRAGMA busy_timeout = {busyMilliseconds}; PRAGMA cache_size = -{cacheKibibytes}; PRAGMA wal_autocheckpoint = {checkpoint};";
    }

    public string Name => "sqlite";

    public GroupCommitStorageOptions Options => _options;

    /// <summary>SQLite has one writer at a time: sequences become visible in the order they are taken.</summary>
    public string? BeginJournalWriteSql => null;

    public ValueTask<long> ReadSafeSequenceAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ValueTask.FromResult(long.MaxValue);

    public async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = StorageSql.Command(connection, null, _sessionSettings);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(_options.DatabasePath);
        var directory = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using (var probe = StorageSql.Command(connection, null, OldSchemaProbe))
        {
            if (Convert.ToInt64(await probe.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0)
            {
                throw new InvalidOperationException(
                    $"SQLite database '{path}' was written by the pre-Orleans runtime and cannot be read by this version; move it away or choose another data directory.");
            }
        }

        await using var command = StorageSql.Command(connection, null, "PRAGMA journal_mode = WAL;" + Schema);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
