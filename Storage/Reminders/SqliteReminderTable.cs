using System.Data;
using System.Data.Common;
using System.Globalization;
using Medisettle.Storage.Dialects;
using Medisettle.Storage.GroupCommit;
using Medisettle.Storage.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Medisettle.Storage.Reminders;

/// <summary>
/// Orleans' reminder table (<see cref="IReminderTable"/>) in the silo's SQLite database, table <c>orleans_reminders</c>
/// (created idempotently at start), so reminders survive a silo restart on the embedded default. Orleans ships no SQLite
/// reminder provider (its ADO.NET scripts cover SQL Server, MySQL, PostgreSQL and Oracle) and the in-memory table loses
/// every reminder with the silo: hence this one, written to the <see cref="IReminderTable"/> contract.
/// </summary>
/// <remarks>
/// The ETag is the row's version as text: every upsert moves it on by one (last writer wins, as Orleans' tables do); a
/// remove succeeds only for the current ETag. <c>grain_hash</c> is the grain id's uniform hash as an unsigned 32-bit
/// value, so hash-range reads compare it directly: <c>(begin, end]</c>, or, when begin ≥ end, the range that wraps
/// (<c>hash &gt; begin OR hash ≤ end</c>; begin = end is the whole ring). Rows are kept per Orleans service id.
/// </remarks>
public sealed class SqliteReminderTable(SqliteStorageOptions options, IOptions<ClusterOptions> cluster) : IReminderTable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS orleans_reminders (
            service_id TEXT NOT NULL,
            grain_id TEXT NOT NULL,
            reminder_name TEXT NOT NULL,
            start_time_ticks INTEGER NOT NULL,
            period_ticks INTEGER NOT NULL,
            grain_hash INTEGER NOT NULL,
            version INTEGER NOT NULL,
            PRIMARY KEY (service_id, grain_id, reminder_name)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS ix_orleans_reminders_hash ON orleans_reminders (service_id, grain_hash);
        """;

    private const string Columns = "SELECT grain_id, reminder_name, start_time_ticks, period_ticks, version FROM orleans_reminders ";

    private const string ReadByGrain = Columns + "WHERE service_id = @service AND grain_id = @grain";

    private const string ReadOne = ReadByGrain + " AND reminder_name = @name";

    private const string ReadInside = Columns + "WHERE service_id = @service AND grain_hash > @begin AND grain_hash <= @end";

    private const string ReadWrapping = Columns + "WHERE service_id = @service AND (grain_hash > @begin OR grain_hash <= @end)";

    private const string Upsert = """
        INSERT INTO orleans_reminders (service_id, grain_id, reminder_name, start_time_ticks, period_ticks, grain_hash, version)
        VALUES (@service, @grain, @name, @start, @period, @hash, 1)
        ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE SET
            start_time_ticks = excluded.start_time_ticks, period_ticks = excluded.period_ticks,
            grain_hash = excluded.grain_hash, version = orleans_reminders.version + 1
        RETURNING version
        """;

    private const string Delete = "DELETE FROM orleans_reminders WHERE service_id = @service AND grain_id = @grain AND reminder_name = @name AND version = @version";

    private const string DeleteAll = "DELETE FROM orleans_reminders WHERE service_id = @service";

    private readonly SqliteDialect _dialect = new(options);
    private readonly string _serviceId = cluster.Value.ServiceId;

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        // The grain storage on the same file may not have started yet: create the directory, the file and WAL mode too.
        var directory = Path.GetDirectoryName(Path.GetFullPath(options.DatabasePath));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        await using var connection = await _dialect.OpenConnectionAsync(cancellationToken);
        await using var command = StorageSql.Command(connection, null, "PRAGMA journal_mode = WAL;" + Schema);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<ReminderTableData> ReadRows(GrainId grainId)
    {
        await using var connection = await _dialect.OpenConnectionAsync(CancellationToken.None);
        await using var command = Command(connection, ReadByGrain);
        command.Add("@grain", grainId.ToString(), DbType.String);
        return new ReminderTableData(await ReadEntriesAsync(command));
    }

    public async Task<ReminderTableData> ReadRows(uint begin, uint end)
    {
        await using var connection = await _dialect.OpenConnectionAsync(CancellationToken.None);
        await using var command = Command(connection, begin < end ? ReadInside : ReadWrapping);
        command.Add("@begin", (long)begin, DbType.Int64);
        command.Add("@end", (long)end, DbType.Int64);
        return new ReminderTableData(await ReadEntriesAsync(command));
    }

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        ArgumentNullException.ThrowIfNull(reminderName);
        await using var connection = await _dialect.OpenConnectionAsync(CancellationToken.None);
        await using var command = Command(connection, ReadOne);
        command.Add("@grain", grainId.ToString(), DbType.String);
        command.Add("@name", reminderName, DbType.String);
        var entries = await ReadEntriesAsync(command);
        return entries.Count == 0 ? null : entries[0];
    }

    public async Task<string?> UpsertRow(ReminderEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = await _dialect.OpenConnectionAsync(CancellationToken.None);
        await using var command = Command(connection, Upsert);
        command.Add("@grain", entry.GrainId.ToString(), DbType.String);
        command.Add("@name", entry.ReminderName, DbType.String);
        command.Add("@start", ToUtc(entry.StartAt).Ticks, DbType.Int64);
        command.Add("@period", entry.Period.Ticks, DbType.Int64);
        command.Add("@hash", (long)entry.GrainId.GetUniformHashCode(), DbType.Int64);
        var version = Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        var etag = version.ToString(CultureInfo.InvariantCulture);
        entry.ETag = etag;
        return etag;
    }

    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        ArgumentNullException.ThrowIfNull(reminderName);
        if (!long.TryParse(eTag, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return false;
        }

        await using var connection = await _dialect.OpenConnectionAsync(CancellationToken.None);
        await using var command = Command(connection, Delete);
        command.Add("@grain", grainId.ToString(), DbType.String);
        command.Add("@name", reminderName, DbType.String);
        command.Add("@version", version, DbType.Int64);
        return await command.ExecuteNonQueryAsync() == 1;
    }

    public async Task TestOnlyClearTable()
    {
        await using var connection = await _dialect.OpenConnectionAsync(CancellationToken.None);
        await using var command = Command(connection, DeleteAll);
        await command.ExecuteNonQueryAsync();
    }

    private DbCommand Command(DbConnection connection, string text)
    {
        var command = StorageSql.Command(connection, null, text);
        command.Add("@service", _serviceId, DbType.String);
        return command;
    }

    private static async Task<List<ReminderEntry>> ReadEntriesAsync(DbCommand command)
    {
        var entries = new List<ReminderEntry>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            entries.Add(new ReminderEntry
            {
                GrainId = GrainId.Parse(reader.GetString(0)),
                ReminderName = reader.GetString(1),
                StartAt = new DateTime(reader.GetInt64(2), DateTimeKind.Utc),
                Period = TimeSpan.FromTicks(reader.GetInt64(3)),
                ETag = reader.GetInt64(4).ToString(CultureInfo.InvariantCulture),
            });
        }

        return entries;
    }

    private static DateTime ToUtc(DateTime time) => time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc);
}
