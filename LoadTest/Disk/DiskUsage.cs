using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Medisettle.LoadTest.Disk;

/// <summary>One kind of journal row: how many, and the bytes of their payloads, entry ids and streams (without the pages' overhead).</summary>
internal sealed record DiskRowKind(string Kind, long Rows, long Bytes);

/// <summary>One grain type's state rows: how many, and the bytes of their payloads.</summary>
internal sealed record DiskStateKind(string GrainType, long Rows, long PayloadBytes);

/// <summary>
/// What a stopped silo's SQLite file holds, or a cluster's PostgreSQL database (<see cref="IsPostgres"/>), for the
/// bytes-per-settlement figure of issue 12: its pages, the durable settlements (settlement records and cancels) it
/// holds, and its journal rows and grain states by kind.
/// </summary>
internal sealed record DiskUsage(
    long Pages, long PageSize, long FreePages, long WalBytes, long Settlements, long Cancels,
    IReadOnlyList<DiskRowKind> JournalRows, IReadOnlyList<DiskStateKind> GrainStates)
{
    /// <summary>
    /// Read from PostgreSQL: <see cref="Pages"/> are the blocks of the tables <c>journal</c>, <c>journal_key</c> (when
    /// there) and <c>grain_state</c> with their indexes and TOAST (<c>pg_total_relation_size</c>); Orleans' own tables in
    /// the same database are not counted.
    /// </summary>
    public bool IsPostgres { get; init; }

    /// <summary>The database's bytes: its pages (as in a checkpointed file; a WAL not yet copied back is counted in them, not beside them).</summary>
    public long Bytes => Pages * PageSize;

    public long DurableSettlements => Settlements + Cancels;

    /// <summary>Bytes of the database per durable settlement; 0 when it holds none.</summary>
    public double BytesPerSettlement => DurableSettlements == 0 ? 0 : (double)Bytes / DurableSettlements;

    /// <summary>
    /// The journal's rows by kind, and the entries found by id only (its keyed table, when it has one) as a kind of their
    /// own; <paramref name="bytes"/> gives the SQL of a column's length in bytes.
    /// </summary>
    private static string KindsSql(Func<string, string> bytes, bool hasAlsoStream, bool hasKeyedTable) => $"""
        SELECT * FROM (
        SELECT CASE
                 WHEN entry_id LIKE 'setl:%' OR (entry_id LIKE 'msgt:%' AND stream LIKE 'person:%') THEN 'settlement records'
                 WHEN entry_id LIKE 'cancel:%' THEN 'cancel records'
                 WHEN stream = 'msg' THEN 'message receipts'
                 WHEN stream LIKE 'post:%' THEN 'posting rows'
                 WHEN stream LIKE 'rcv:%' THEN 'receivable index'
                 WHEN stream LIKE 'flag:%' OR stream LIKE 'flagres:%' THEN 'control-rule flags'
                 ELSE 'other entries'
               END AS kind,
               COUNT(*) AS n, SUM({bytes("payload")} + {bytes("entry_id")} + {bytes("stream")} + {(hasAlsoStream ? $"COALESCE({bytes("also_stream")}, 0)" : "0")}) AS b
        FROM journal GROUP BY kind
        {(hasKeyedTable ? $"UNION ALL SELECT '{KeyedKind}', COUNT(*), COALESCE(SUM({bytes("payload")} + {bytes("entry_id")}), 0) FROM journal_key HAVING COUNT(*) > 0" : "")}
        ) AS kinds ORDER BY 3 DESC
        """;

    /// <summary>The kind of the journal's entries found by id only (message receipts written since they have a table of their own).</summary>
    public const string KeyedKind = "message receipts, found by id only";

    private static string SqliteBytes(string column) => $"length(CAST({column} AS BLOB))";

    private static string PostgresBytes(string column) => $"octet_length({column})";

    /// <summary>Reads <paramref name="path"/> (opened read-only; the silo should be stopped, so that its last checkpoints are in it).</summary>
    public static async Task<DiskUsage> ReadAsync(string path, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        var wal = path + "-wal";
        // A journal made before entries had a second stream has no also_stream column: its rows count none.
        var hasAlsoStream = await ScalarAsync(connection, "SELECT count(*) FROM pragma_table_info('journal') WHERE name = 'also_stream'", cancellationToken) > 0;
        var hasKeyedTable = await ScalarAsync(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'journal_key'", cancellationToken) > 0;
        var (kinds, states) = await ReadRowsByKindAsync(connection, KindsSql(SqliteBytes, hasAlsoStream, hasKeyedTable), SqliteBytes, cancellationToken);
        return new DiskUsage(
            await ScalarAsync(connection, "PRAGMA page_count", cancellationToken),
            await ScalarAsync(connection, "PRAGMA page_size", cancellationToken),
            await ScalarAsync(connection, "PRAGMA freelist_count", cancellationToken),
            File.Exists(wal) ? new FileInfo(wal).Length : 0,
            kinds.FirstOrDefault(k => k.Kind == "settlement records")?.Rows ?? 0,
            kinds.FirstOrDefault(k => k.Kind == "cancel records")?.Rows ?? 0,
            kinds,
            states);
    }

    /// <summary>
    /// Reads the group-commit storage's tables in the PostgreSQL database of <paramref name="connectionString"/> (in a
    /// read-only transaction; stop the silos, or the figure moves while it is read).
    /// </summary>
    public static async Task<DiskUsage> ReadPostgresAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var readOnly = new NpgsqlCommand("START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", connection))
        {
            await readOnly.ExecuteNonQueryAsync(cancellationToken);
        }

        var hasKeyedTable = await ScalarAsync(connection, "SELECT count(*) FROM pg_class WHERE oid = to_regclass('journal_key')", cancellationToken) > 0;
        var (kinds, states) = await ReadRowsByKindAsync(connection, KindsSql(PostgresBytes, hasAlsoStream: true, hasKeyedTable), PostgresBytes, cancellationToken);
        var blockSize = await ScalarAsync(connection, "SELECT current_setting('block_size')::bigint", cancellationToken);
        var bytes = await ScalarAsync(connection,
            "SELECT pg_total_relation_size('journal') + pg_total_relation_size('grain_state')" + (hasKeyedTable ? " + pg_total_relation_size('journal_key')" : ""),
            cancellationToken);
        return new DiskUsage(
            bytes / blockSize,
            blockSize,
            0,
            0,
            kinds.FirstOrDefault(k => k.Kind == "settlement records")?.Rows ?? 0,
            kinds.FirstOrDefault(k => k.Kind == "cancel records")?.Rows ?? 0,
            kinds,
            states)
        {
            IsPostgres = true,
        };
    }

    private static async Task<(List<DiskRowKind> Kinds, List<DiskStateKind> States)> ReadRowsByKindAsync(
        DbConnection connection, string kindsSql, Func<string, string> bytes, CancellationToken cancellationToken)
    {
        var kinds = new List<DiskRowKind>();
        await ReadRowsAsync(connection, kindsSql,
            reader => kinds.Add(new DiskRowKind(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2))), cancellationToken);
        var states = new List<DiskStateKind>();
        await ReadRowsAsync(connection, $"SELECT grain_type, COUNT(*), COALESCE(SUM({bytes("payload")}), 0) FROM grain_state GROUP BY grain_type ORDER BY 3 DESC",
            reader => states.Add(new DiskStateKind(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2))), cancellationToken);
        return (kinds, states);
    }

    /// <summary>The report as text: totals first, then the journal rows and grain states by kind with each one's share a settlement.</summary>
    public string Describe(string path)
    {
        var text = new StringBuilder();
        var per = (long bytes) => DurableSettlements == 0 ? "-" : ((double)bytes / DurableSettlements).ToString("N0", CultureInfo.InvariantCulture);
        text.AppendLine(IsPostgres
            ? string.Create(CultureInfo.InvariantCulture, $"{path}: {Bytes:N0} bytes (the storage's tables with their indexes and TOAST, {Pages:N0} blocks of {PageSize:N0})")
            : string.Create(CultureInfo.InvariantCulture, $"{path}: {Bytes:N0} bytes ({Pages:N0} pages of {PageSize:N0}, {FreePages:N0} of them free){(WalBytes > 0 ? $"; a WAL of {WalBytes:N0} bytes beside it (is the silo still running?)" : "")}"));
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"durable settlements: {Settlements:N0} settlements + {Cancels:N0} cancels = {DurableSettlements:N0}"));
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"bytes per durable settlement: {per(Bytes)}"));
        text.AppendLine("journal rows (payload, entry id and streams; the pages' overhead and the indexes come on top): kind, rows, bytes, bytes a settlement");
        foreach (var kind in JournalRows)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"  {kind.Kind}: {kind.Rows:N0}, {kind.Bytes:N0}, {per(kind.Bytes)}"));
        }

        text.AppendLine("grain states (payload): type, rows, bytes, bytes a settlement");
        foreach (var state in GrainStates)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"  {state.GrainType}: {state.Rows:N0}, {state.PayloadBytes:N0}, {per(state.PayloadBytes)}"));
        }

        return text.ToString();
    }

    /// <summary>
    /// The growth from <paramref name="earlier"/> (the same data file read at an earlier stop) to this one, per durable
    /// settlement made in between: what a settlement adds once the persons, institutions and replay-window slots it touches
    /// exist already. Null when no settlement was made in between.
    /// </summary>
    public double? GrowthPerSettlementSince(DiskUsage earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        var settlements = DurableSettlements - earlier.DurableSettlements;
        return settlements <= 0 ? null : (double)(Bytes - earlier.Bytes) / settlements;
    }

    /// <summary>The line <c>disk --since</c> prints: the bytes and durable settlements added since <paramref name="earlier"/>, and their ratio.</summary>
    public string DescribeGrowthSince(DiskUsage earlier, string earlierPath) =>
        GrowthPerSettlementSince(earlier) is { } perSettlement
            ? string.Create(CultureInfo.InvariantCulture,
                $"growth since {earlierPath}: {Bytes - earlier.Bytes:N0} bytes for {DurableSettlements - earlier.DurableSettlements:N0} durable settlements = {perSettlement:N0} bytes a settlement")
            : $"growth since {earlierPath}: no durable settlement was made in between";

    private static async Task<long> ScalarAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static async Task ReadRowsAsync(DbConnection connection, string sql, Action<DbDataReader> row, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            row(reader);
        }
    }
}
