using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Medisettle.LoadTest.Disk;

/// <summary>One kind of journal row: how many, and the bytes of their payloads, entry ids and streams (without the pages' overhead).</summary>
internal sealed record DiskRowKind(string Kind, long Rows, long Bytes);

/// <summary>One grain type's state rows: how many, and the bytes of their payloads.</summary>
internal sealed record DiskStateKind(string GrainType, long Rows, long PayloadBytes);

/// <summary>
/// What a stopped silo's SQLite file holds, for the bytes-per-settlement figure of issue 12: the file's pages, the durable
/// settlements (settlement records and cancels) it holds, and its journal rows and grain states by kind.
/// </summary>
internal sealed record DiskUsage(
    long Pages, long PageSize, long FreePages, long WalBytes, long Settlements, long Cancels,
    IReadOnlyList<DiskRowKind> JournalRows, IReadOnlyList<DiskStateKind> GrainStates)
{
    /// <summary>The database's bytes: its pages (as in a checkpointed file; a WAL not yet copied back is counted in them, not beside them).</summary>
    public long Bytes => Pages * PageSize;

    public long DurableSettlements => Settlements + Cancels;

    /// <summary>Bytes of the database per durable settlement; 0 when it holds none.</summary>
    public double BytesPerSettlement => DurableSettlements == 0 ? 0 : (double)Bytes / DurableSettlements;

    private const string Kinds = """
        SELECT CASE
                 WHEN entry_id LIKE 'setl:%' THEN 'settlement records'
                 WHEN entry_id LIKE 'cancel:%' THEN 'cancel records'
                 WHEN stream = 'msg' THEN 'message receipts'
                 WHEN stream LIKE 'post:%' THEN 'posting rows'
                 WHEN stream LIKE 'flag:%' OR stream LIKE 'flagres:%' THEN 'control-rule flags'
                 ELSE 'other entries'
               END AS kind,
               COUNT(*), SUM(length(CAST(payload AS BLOB)) + length(CAST(entry_id AS BLOB)) + length(CAST(stream AS BLOB)) + {0})
        FROM journal GROUP BY kind ORDER BY 3 DESC
        """;

    /// <summary>Reads <paramref name="path"/> (opened read-only; the silo should be stopped, so that its last checkpoints are in it).</summary>
    public static async Task<DiskUsage> ReadAsync(string path, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        var wal = path + "-wal";
        var kinds = new List<DiskRowKind>();
        // A journal made before entries had a second stream has no also_stream column: its rows count none.
        var alsoStreamBytes = await HasColumnAsync(connection, "journal", "also_stream", cancellationToken) ? "COALESCE(length(CAST(also_stream AS BLOB)), 0)" : "0";
        await ReadRowsAsync(connection, string.Format(CultureInfo.InvariantCulture, Kinds, alsoStreamBytes),
            reader => kinds.Add(new DiskRowKind(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2))), cancellationToken);
        var states = new List<DiskStateKind>();
        await ReadRowsAsync(connection, "SELECT grain_type, COUNT(*), COALESCE(SUM(length(payload)), 0) FROM grain_state GROUP BY grain_type ORDER BY 3 DESC",
            reader => states.Add(new DiskStateKind(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2))), cancellationToken);
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

    /// <summary>The report as text: totals first, then the journal rows and grain states by kind with each one's share a settlement.</summary>
    public string Describe(string path)
    {
        var text = new StringBuilder();
        var per = (long bytes) => DurableSettlements == 0 ? "-" : ((double)bytes / DurableSettlements).ToString("N0", CultureInfo.InvariantCulture);
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{path}: {Bytes:N0} bytes ({Pages:N0} pages of {PageSize:N0}, {FreePages:N0} of them free){(WalBytes > 0 ? $"; a WAL of {WalBytes:N0} bytes beside it (is the silo still running?)" : "")}"));
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

    private static async Task<bool> HasColumnAsync(SqliteConnection connection, string table, string column, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM pragma_table_info(@table) WHERE name = @column";
        command.Parameters.AddWithValue("@table", table);
        command.Parameters.AddWithValue("@column", column);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0;
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static async Task ReadRowsAsync(SqliteConnection connection, string sql, Action<SqliteDataReader> row, CancellationToken cancellationToken)
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
