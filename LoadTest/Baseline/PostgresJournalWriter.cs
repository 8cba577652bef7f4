using Medisettle.Storage.Journal;
using Npgsql;
using NpgsqlTypes;

namespace Medisettle.LoadTest.Baseline;

/// <summary>
/// The AdoNet baseline's journal appends: plain INSERTs into the group-commit storage's <c>journal</c> table on
/// PostgreSQL, in a transaction of their own (one per write, no batching), on the same connection string (and so the
/// same Npgsql pool) as Orleans' AdoNet grain storage. What an Orleans user without the group-commit storage would
/// write for an outbox; the rows are read back through that storage's <see cref="IJournal"/>.
/// </summary>
/// <remarks>
/// Each transaction first takes its transaction id (<c>pg_current_xact_id()</c>), before its rows take their
/// sequences, as the group-commit storage's writers do: the journal's safe point (what readers may read without
/// skipping an entry) relies on it. Rows whose entry id exists are not inserted (<c>ON CONFLICT DO NOTHING</c>); if any
/// of a write's rows was skipped the transaction is rolled back and the write refused with
/// <see cref="DuplicateJournalEntryException"/>, so the write appends all of its rows or none.
/// </remarks>
public sealed class PostgresJournalWriter
{
    /// <summary>Journal rows one write may append: a settlement appends about 5, a cancel about 4.</summary>
    public const int AppendsMax = 64;

    private const string TakeTransactionIdSql = "SELECT pg_current_xact_id()";

    private const string InsertSql = """
        INSERT INTO journal (stream, entry_id, payload, created_at)
        SELECT a.stream, a.entry_id, a.payload, @now
        FROM unnest(@streams, @entries, @payloads) WITH ORDINALITY AS a(stream, entry_id, payload, position)
        ORDER BY a.position
        ON CONFLICT (entry_id) DO NOTHING
        RETURNING entry_id
        """;

    /// <summary>The type of the journal's payload column (<c>bytea</c> in journals this version creates, <c>text</c> before).</summary>
    private const string PayloadTypeSql =
        "SELECT data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'journal' AND column_name = 'payload'";

    private readonly string _connectionString;
    private readonly TimeProvider _time;

    /// <summary>
    /// The payload column's type, read at the first append (appends run concurrently; each writes it the same):
    /// 0 not read yet, 1 <c>text</c>, 2 <c>bytea</c>. The baseline writes the JSON as it is into either, never compressed.
    /// </summary>
    private int _payloadColumn;
    private long _transactions;
    private long _rows;
    private long _refused;

    /// <param name="connectionString">Npgsql connection string of the database holding the <c>journal</c> table.</param>
    /// <param name="time">Clock of the rows' <c>created_at</c>.</param>
    public PostgresJournalWriter(string connectionString, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(time);
        _connectionString = connectionString;
        _time = time;
    }

    /// <summary>Journal transactions committed.</summary>
    public long TransactionsCommitted => Interlocked.Read(ref _transactions);

    /// <summary>Journal rows committed.</summary>
    public long RowsCommitted => Interlocked.Read(ref _rows);

    /// <summary>Writes refused because an entry id existed.</summary>
    public long DuplicatesRefused => Interlocked.Read(ref _refused);

    /// <summary>
    /// Appends <paramref name="appends"/> in one transaction of their own; completes after COMMIT. An entry id that
    /// already exists (or appears twice in <paramref name="appends"/>) refuses the whole write with
    /// <see cref="DuplicateJournalEntryException"/>; nothing was appended then.
    /// </summary>
    public async Task AppendAsync(IReadOnlyList<JournalAppend> appends, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(appends);
        ArgumentOutOfRangeException.ThrowIfZero(appends.Count, nameof(appends));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(appends.Count, AppendsMax, nameof(appends));
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        if (Volatile.Read(ref _payloadColumn) == 0)
        {
            await using var probe = new NpgsqlCommand(PayloadTypeSql, connection);
            Volatile.Write(ref _payloadColumn, await probe.ExecuteScalarAsync(cancellationToken) is "bytea" ? 2 : 1);
        }

        var binary = Volatile.Read(ref _payloadColumn) == 2;

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands = { new NpgsqlBatchCommand(TakeTransactionIdSql), Insert(appends, _time.GetUtcNow(), binary) },
        };
        var inserted = new HashSet<string>(StringComparer.Ordinal);
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                inserted.Add(reader.GetString(0));
            }
        }

        if (inserted.Count != appends.Count)
        {
            await transaction.RollbackAsync(cancellationToken);
            Interlocked.Increment(ref _refused);
            throw new DuplicateJournalEntryException(FirstRefused(appends, inserted));
        }

        await transaction.CommitAsync(cancellationToken);
        Interlocked.Increment(ref _transactions);
        Interlocked.Add(ref _rows, appends.Count);
    }

    private static NpgsqlBatchCommand Insert(IReadOnlyList<JournalAppend> appends, DateTimeOffset now, bool binaryPayloads) => new(InsertSql)
    {
        Parameters =
        {
            new NpgsqlParameter("now", NpgsqlDbType.TimestampTz) { Value = now },
            new NpgsqlParameter("streams", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = appends.Select(a => a.Stream).ToArray() },
            new NpgsqlParameter("entries", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = appends.Select(a => a.EntryId).ToArray() },
            binaryPayloads
                ? new NpgsqlParameter("payloads", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = appends.Select(a => a.Utf8Payload).ToArray() }
                : new NpgsqlParameter("payloads", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = appends.Select(a => a.Payload).ToArray() },
        },
    };

    /// <summary>The first append not inserted: its id existed, or an earlier append of the same write had it.</summary>
    private static string FirstRefused(IReadOnlyList<JournalAppend> appends, HashSet<string> inserted)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return appends.First(a => !inserted.Contains(a.EntryId) || !seen.Add(a.EntryId)).EntryId;
    }
}
