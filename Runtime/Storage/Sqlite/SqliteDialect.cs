using System.Data.Common;
using System.Globalization;
using Medisettle.Runtime.Configuration;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Medisettle.Runtime.Storage.Sqlite;

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
            partition INTEGER NOT NULL,
            version INTEGER NOT NULL,
            payload TEXT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (grain_type, grain_key, state_name)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS ix_grain_state_partition ON grain_state (partition);
        CREATE TABLE IF NOT EXISTS journal (
            sequence INTEGER PRIMARY KEY AUTOINCREMENT,
            stream TEXT NOT NULL,
            entry_id TEXT NOT NULL UNIQUE,
            partition INTEGER NOT NULL,
            payload TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_journal_stream_sequence ON journal (stream, sequence);
        """;

    private readonly SqliteStorageOptions _options;
    private readonly string _connectionString;
    private readonly string _sessionSettings;

    public SqliteDialect(IOptions<SqliteStorageOptions> options)
    {
        _options = options.Value;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.GetFullPath(_options.DatabasePath),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(_options.BusyTimeout.TotalSeconds),
        }.ToString();
        var synchronous = _options.Synchronous == SqliteSynchronousMode.Full ? "FULL" : "NORMAL";
        var busyMilliseconds = ((long)_options.BusyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        var cacheKibibytes = _options.CacheSizeKibibytes.ToString(CultureInfo.InvariantCulture);
        _sessionSettings = $"PRAGMA synchronous = {synchronous}; PRAGMA busy_timeout = {busyMilliseconds}; PRAGMA cache_size = -{cacheKibibytes}; PRAGMA wal_autocheckpoint = {_options.WalAutoCheckpointPages.ToString(CultureInfo.InvariantCulture)};";
    }

    public string Name => "sqlite";

    public GroupCommitOptions GroupCommit => _options;

    /// <summary>SQLite has one writer at a time already.</summary>
    public string? SerializeWritersSql => null;

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
        var directory = Path.GetDirectoryName(Path.GetFullPath(_options.DatabasePath));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = StorageSql.Command(connection, null, "PRAGMA journal_mode = WAL;" + Schema);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
