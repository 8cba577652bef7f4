using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Medisettle.Storage.GroupCommit;
using Medisettle.Storage.Hosting;
using Medisettle.Storage.Journal;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SQLitePCL;

namespace Medisettle.Storage.Dialects;

/// <summary>
/// SQLite in WAL mode, one file. Durability: with <c>synchronous=FULL</c> (default) every acknowledged
/// commit is fsynced and survives power loss; with NORMAL it survives a process crash only.
/// </summary>
internal sealed partial class SqliteDialect : IStorageDialect
{
    /// <summary>
    /// The grain state table (also written by <c>LoadTest physical</c>, which measures this schema's ceiling). A rowid
    /// table with a unique index on the key, not a <c>WITHOUT ROWID</c> table: that one keeps its rows in an index
    /// b-tree, which holds at most about 1,000 bytes of a row in its page and moves the rest to an overflow page of its
    /// own, so every state above that size (a busy person's, a replay-window slot) took a whole 4 KB page for its tail;
    /// a rowid table keeps rows of up to about 4,000 bytes in its pages (docs/benchmarks.md, "Issue 12, tenth sitting").
    /// Files made before keep their <c>WITHOUT ROWID</c> table: the statements are the same for both.
    /// </summary>
    internal const string GrainStateTable = """
        CREATE TABLE IF NOT EXISTS grain_state (
            grain_type TEXT NOT NULL,
            grain_key TEXT NOT NULL,
            state_name TEXT NOT NULL,
            version INTEGER NOT NULL,
            payload BLOB NULL,
            updated_at INTEGER NOT NULL,
            UNIQUE (grain_type, grain_key, state_name)
        );
        """;

    /// <summary>
    /// The journal table with its unique entry-id index. <c>created_at</c> holds milliseconds since 1970-01-01 UTC (6
    /// bytes; files made before hold <c>TEXT</c> in that column: <see cref="Journal.JournalEntry.CreatedAtOf"/> reads both).
    /// </summary>
    internal const string JournalTable = """
        CREATE TABLE IF NOT EXISTS journal (
            sequence INTEGER PRIMARY KEY AUTOINCREMENT,
            stream TEXT NOT NULL,
            entry_id TEXT NOT NULL UNIQUE,
            payload TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            also_stream TEXT NULL
        );
        """;

    /// <summary>The journal's (stream, sequence) index: reads of one stream or a family of streams.</summary>
    internal const string JournalStreamIndex = """
        CREATE INDEX IF NOT EXISTS ix_journal_stream_sequence ON journal (stream, sequence);
        """;

    /// <summary>
    /// The index of entries' second streams (<see cref="Journal.JournalAppend.AlsoStream"/>); partial, so the entries
    /// without one (most) cost it nothing.
    /// </summary>
    internal const string JournalAlsoStreamIndex = """
        CREATE INDEX IF NOT EXISTS ix_journal_also_stream ON journal (also_stream, sequence) WHERE also_stream IS NOT NULL;
        """;

    /// <summary>
    /// The entries found by id only (<see cref="Journal.JournalAppend.FoundByIdOnly"/>): keyed by the id alone, stored
    /// once in the table's own b-tree (<c>WITHOUT ROWID</c>; a receipt's row is about 120 bytes, well under what a page
    /// keeps of a row).
    /// </summary>
    internal const string KeyedEntryTable = """
        CREATE TABLE IF NOT EXISTS journal_key (
            entry_id TEXT NOT NULL PRIMARY KEY,
            payload BLOB NOT NULL,
            created_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        """;

    /// <summary>The layout of a file made before this version: the journal table indexes its streams itself.</summary>
    private const string Schema = GrainStateTable + JournalTable + JournalStreamIndex + KeyedEntryTable;

    /// <summary>
    /// The layout of a new file: no (stream, sequence) index on the journal table; a stream index of its own
    /// (<see cref="SqliteStreamIndex"/>). An earlier build that opened the file made the journal's index again: it is
    /// dropped, as every insert would pay for it; the rows that build wrote come after the stream index's
    /// <c>indexed_through</c>, so the start reads them into the tail.
    /// </summary>
    private const string SchemaWithStreamIndex = GrainStateTable + JournalTable + KeyedEntryTable + SqliteStreamIndex.Schema +
        "DROP INDEX IF EXISTS ix_journal_stream_sequence;";

    /// <summary>Whether the file has a journal table, and whether it has the stream index table.</summary>
    private const string LayoutProbe =
        "SELECT (SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'journal'), (SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'stream_index')";

    /// <summary>Whether the journal has its <c>also_stream</c> column (a file made before it was added has not).</summary>
    private const string AlsoStreamProbe = "SELECT count(*) FROM pragma_table_info('journal') WHERE name = 'also_stream'";

    /// <summary>A column only the pre-Orleans storage had: its rows cannot be read by the Orleans grains.</summary>
    private const string OldSchemaProbe = "SELECT count(*) FROM pragma_table_info('grain_state') WHERE name = 'partition'";

    private readonly SqliteStorageOptions _options;

    public string RowLock => "";

    public IWriterStatements? CreateWriterStatements(DbConnection connection) => new SqliteWriterStatements((SqliteConnection)connection, _streamIndex);

    public bool IsTransientFailure(Exception exception) => false;

    /// <summary>The file's stream index, once <see cref="EnsureSchemaAsync"/> has run on a file made by this version; null on a file made before.</summary>
    public SqliteStreamIndex? StreamIndex => _streamIndex;

    /// <summary>Microsoft.Data.Sqlite has no <see cref="DbBatch"/>: never called.</summary>
    public long RowsOf(DbBatchCommand command) => command.RecordsAffected;
    private SqliteStreamIndex? _streamIndex;
    private TaskCompletionSource? _upkeepStop;
    private Task _upkeep = Task.CompletedTask;
    private readonly string _connectionString;
    private readonly string _sessionSettings;

    /// <summary>The SQLite handles <see cref="_sessionSettings"/> were applied to (weakly held: a closed handle drops out).</summary>
    private readonly ConditionalWeakTable<sqlite3, object> _configured = new();
    private static readonly object Configured = new();

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
        // With background checkpoints no committing writer checkpoints (0 turns SQLite's automatic checkpoints off).
        var checkpoint = (options.BackgroundCheckpointInterval > TimeSpan.Zero ? 0 : options.WalAutoCheckpointPages).ToString(CultureInfo.InvariantCulture);
        _sessionSettings = $"PRAGMA synchronous = {synchronous}; PRAGMA busy_timeout = {busyMilliseconds}; PRAGMA cache_size = -{cacheKibibytes}; PRAGMA wal_autocheckpoint = {checkpoint};";
    }

    public string Name => "sqlite";

    public GroupCommitStorageOptions Options => _options;

    public bool CompressesJournalPayloads => _options.CompressJournalPayloads;

    /// <summary>Only for the ADO.NET statements, which SQLite's writer does not use (its own statements bind the stored form).</summary>
    public DbType JournalPayloadType => DbType.String;

    public object JournalPayload(JournalAppend append) => append.Payload;

    /// <summary>An integer: 6 bytes a row, where the date-and-time text was 33 (a file made before keeps its <c>TEXT</c> column, which holds the digits).</summary>
    public DbType RowTimeType => DbType.Int64;

    public object RowTime(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

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
            // A pooled connection keeps its SQLite handle, and the handle keeps its settings: apply them once per handle,
            // not on every open (each read opens a pooled connection; four PRAGMAs each time were a fifth of its work).
            var handle = connection.Handle ?? throw new InvalidOperationException("An open SQLite connection has no handle.");
            if (!_configured.TryGetValue(handle, out _))
            {
                await using var command = StorageSql.Command(connection, null, _sessionSettings);
                await command.ExecuteNonQueryAsync(cancellationToken);
                _configured.AddOrUpdate(handle, Configured);
            }

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

        await using (var wal = StorageSql.Command(connection, null, "PRAGMA journal_mode = WAL;"))
        {
            await wal.ExecuteNonQueryAsync(cancellationToken);
        }

        // Which layout the file has is decided and made in one write transaction, so two silos starting on a new file agree.
        await using (var transaction = await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken))
        {
            await using (var probe = StorageSql.Command(connection, transaction, LayoutProbe))
            await using (var reader = await probe.ExecuteReaderAsync(cancellationToken))
            {
                await reader.ReadAsync(cancellationToken);
                var journalExists = reader.GetInt64(0) > 0;
                var streamIndexExists = reader.GetInt64(1) > 0;
                if (!journalExists || streamIndexExists)
                {
                    _streamIndex ??= new SqliteStreamIndex(_options.StreamIndexFlushInterval, OpenConnectionAsync);
                }
            }

            await using var command = StorageSql.Command(connection, transaction, _streamIndex is null ? Schema : SchemaWithStreamIndex);
            await command.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await using (var probe = StorageSql.Command(connection, null, AlsoStreamProbe))
        {
            if (Convert.ToInt64(await probe.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) == 0)
            {
                await using var add = StorageSql.Command(connection, null, "ALTER TABLE journal ADD COLUMN also_stream TEXT NULL;");
                await add.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await using (var index = StorageSql.Command(connection, null, JournalAlsoStreamIndex))
        {
            await index.ExecuteNonQueryAsync(cancellationToken);
        }

        if (_streamIndex is { Loaded: false } streamIndex)
        {
            await streamIndex.LoadAsync(connection, cancellationToken);
        }
    }

    /// <summary>
    /// Checkpoints the WAL every <see cref="SqliteStorageOptions.BackgroundCheckpointInterval"/> from a connection of its
    /// own. PASSIVE copies what it can without waiting for the writer or readers, so commits never wait for it; a
    /// fully copied WAL is reused from its start by the next commit, which keeps the file small.
    /// </summary>
    public void StartUpkeep(ILogger log)
    {
        if (_options.BackgroundCheckpointInterval <= TimeSpan.Zero || _upkeepStop is not null)
        {
            return;
        }

        _upkeepStop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stop = _upkeepStop.Task;
        _upkeep = Task.Run(() => CheckpointAsync(log, stop), CancellationToken.None);
    }

    public async Task StopUpkeepAsync()
    {
        if (_upkeepStop is not { } stop)
        {
            return;
        }

        stop.TrySetResult();
        await _upkeep;
        _upkeepStop = null;
    }

    /// <summary>Checkpoints until <paramref name="stop"/> completes; a failure is logged and retried a second later.</summary>
    private async Task CheckpointAsync(ILogger log, Task stop)
    {
        while (!stop.IsCompleted)
        {
            var pause = _options.BackgroundCheckpointInterval;
            try
            {
                await using var connection = await OpenConnectionAsync(CancellationToken.None);
                while (!stop.IsCompleted)
                {
                    await using (var command = StorageSql.Command(connection, null, "PRAGMA wal_checkpoint(PASSIVE);"))
                    {
                        await command.ExecuteNonQueryAsync(CancellationToken.None);
                    }

                    await Task.WhenAny(Task.Delay(pause), stop);
                }
            }
            catch (Exception exception) when (exception is SqliteException or InvalidOperationException or IOException)
            {
                // Commits still succeed meanwhile (the WAL only grows); try again in a second.
                LogCheckpointFailed(log, exception);
                await Task.WhenAny(Task.Delay(TimeSpan.FromSeconds(1)), stop);
            }
        }
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "SQLite background WAL checkpoint failed; retrying in 1 s")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception);
}
