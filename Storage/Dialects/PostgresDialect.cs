using System.Data;
using System.Data.Common;
using Medisettle.Storage.GroupCommit;
using Medisettle.Storage.Hosting;
using Medisettle.Storage.Journal;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Medisettle.Storage.Dialects;

/// <summary>PostgreSQL through Npgsql; the cluster store. Acknowledged commits are durable as configured on the server.</summary>
internal sealed class PostgresDialect : IStorageDialect, IAsyncDisposable
{
    // Concurrent CREATE TABLE IF NOT EXISTS can race in PostgreSQL; an advisory lock serialises silos starting together.
    private const string Schema = """
        SELECT pg_advisory_xact_lock(7231009);
        DO $$
        BEGIN
            IF EXISTS (SELECT 1 FROM information_schema.columns
                       WHERE table_schema = current_schema() AND table_name = 'grain_state' AND column_name = 'partition') THEN
                RAISE EXCEPTION 'Table grain_state was written by the pre-Orleans runtime and cannot be read by this version; use another database.';
            END IF;
        END $$;
        CREATE TABLE IF NOT EXISTS grain_state (
            grain_type text NOT NULL,
            grain_key text NOT NULL,
            state_name text NOT NULL,
            version bigint NOT NULL,
            payload bytea NULL,
            updated_at timestamptz NOT NULL,
            PRIMARY KEY (grain_type, grain_key, state_name)
        );
        CREATE TABLE IF NOT EXISTS journal (
            sequence bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            stream text NOT NULL,
            entry_id text NOT NULL UNIQUE,
            payload bytea NOT NULL,
            created_at timestamptz NOT NULL,
            also_stream text NULL
        );
        DO $$
        BEGIN
            -- Only a journal made before the column existed takes ALTER TABLE's exclusive lock; silos joining a running cluster do not.
            IF NOT EXISTS (SELECT 1 FROM information_schema.columns
                           WHERE table_schema = current_schema() AND table_name = 'journal' AND column_name = 'also_stream') THEN
                ALTER TABLE journal ADD COLUMN also_stream text NULL;
            END IF;
        END $$;
        CREATE INDEX IF NOT EXISTS ix_journal_stream_sequence ON journal (stream, sequence);
        CREATE TABLE IF NOT EXISTS journal_key (
            entry_id text PRIMARY KEY,
            payload bytea NOT NULL,
            created_at timestamptz NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_journal_also_stream ON journal (also_stream, sequence) WHERE also_stream IS NOT NULL;
        """;

    /// <summary>Statements Npgsql prepares per connection once they are used twice, unless the connection string says otherwise.</summary>
    internal const int AutoPreparedStatementsMax = 64;

    private readonly PostgresStorageOptions _options;
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresJournalSafePoint _safePoint = new();

    public PostgresDialect(PostgresStorageOptions options)
    {
        _options = options;
        var connection = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        var idleMilliseconds = (long)options.IdleInTransactionTimeout.TotalMilliseconds;
        connection.Options = $"{connection.Options} -c idle_in_transaction_session_timeout={idleMilliseconds}".Trim();
        if (!SetsKey(options.ConnectionString, "MaxAutoPrepare"))
        {
            // The writer sends the same few statements in every batch; prepared once per connection, PostgreSQL parses
            // and plans them once instead of every time (a connection string that sets its own value keeps it).
            connection.MaxAutoPrepare = AutoPreparedStatementsMax;
        }

        _dataSource = NpgsqlDataSource.Create(connection.ConnectionString);
    }

    /// <summary>Whether <paramref name="connectionString"/> sets <paramref name="key"/> itself (any case, spaces ignored).</summary>
    private static bool SetsKey(string connectionString, string key) =>
        new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Any(k => k.Replace(" ", "", StringComparison.Ordinal).Equals(key, StringComparison.OrdinalIgnoreCase));

    public string Name => "postgres";

    public GroupCommitStorageOptions Options => _options;

    /// <summary>
    /// Whether the journal's <c>payload</c> column is <c>bytea</c> (every journal this version creates) rather than
    /// <c>text</c> (journals created before): read by <see cref="EnsureSchemaAsync"/>.
    /// </summary>
    private bool _binaryPayloads;

    public bool CompressesJournalPayloads => _binaryPayloads && _options.CompressJournalPayloads;

    public DbType JournalPayloadType => _binaryPayloads ? DbType.Binary : DbType.String;

    public object JournalPayload(JournalAppend append)
    {
        ArgumentNullException.ThrowIfNull(append);
        return _binaryPayloads ? append.StoredBytes : append.Payload;
    }

    public DbType RowTimeType => DbType.DateTimeOffset;

    public object RowTime(DateTimeOffset time) => time;

    /// <summary>Gives the transaction its id before its first journal row takes a sequence (see <see cref="PostgresJournalSafePoint"/>).</summary>
    public string? BeginJournalWriteSql => "SELECT pg_current_xact_id()";

    public string RowLock => " FOR UPDATE";

    public IWriterStatements? CreateWriterStatements(DbConnection connection) => null;

    public SqliteStreamIndex? StreamIndex => null;

    public bool IsTransientFailure(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure };

    /// <summary>Npgsql counts a SELECT's rows in <see cref="NpgsqlBatchCommand.Rows"/>; <see cref="DbBatchCommand.RecordsAffected"/> is only for changes.</summary>
    public long RowsOf(DbBatchCommand command) => command is NpgsqlBatchCommand npgsql ? checked((long)npgsql.Rows) : command.RecordsAffected;

    public ValueTask<long> ReadSafeSequenceAsync(DbConnection connection, CancellationToken cancellationToken) =>
        _safePoint.ReadAsync(connection, _options.JournalSafePointWaitMax, cancellationToken);

    public async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = StorageSql.Command(connection, transaction, Schema))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var probe = StorageSql.Command(connection, transaction, PayloadTypeProbe))
        {
            _binaryPayloads = await probe.ExecuteScalarAsync(cancellationToken) is "bytea";
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The type of the journal's payload column: <c>bytea</c>, or <c>text</c> in a journal created before.</summary>
    private const string PayloadTypeProbe =
        "SELECT data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'journal' AND column_name = 'payload'";

    /// <summary>PostgreSQL checkpoints by itself.</summary>
    public void StartUpkeep(ILogger log)
    {
    }

    public Task StopUpkeepAsync() => Task.CompletedTask;

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
