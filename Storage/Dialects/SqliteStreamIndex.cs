using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Medisettle.Storage.GroupCommit;
using Medisettle.Storage.Hosting;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Medisettle.Storage.Dialects;

/// <summary>
/// The journal's stream index on a SQLite file made by this version: a table of (stream, sequence) written in key order,
/// a few thousand entries per transaction, every <see cref="SqliteStorageOptions.StreamIndexFlushInterval"/>, instead of
/// an index of the journal table that every commit writes into at random pages (one per person settled). Entries not yet
/// flushed are kept in memory (<see cref="StreamTail"/>), and every read of a stream and every stream fence consults both.
/// <c>stream_index_state.indexed_through</c> is the sequence up to which every journal row is in the table; after a crash
/// the silo reads the journal from there to rebuild the tail (<see cref="LoadAsync"/>), so that read is bounded by the
/// interval, not by the file's history. Files made before keep the journal table's own (stream, sequence) index and never
/// use this.
/// </summary>
internal sealed class SqliteStreamIndex
{
    /// <summary>Entries flushed per transaction: each a short stop of the writer's commits, not one long one.</summary>
    internal const int FlushChunkMax = 8_192;

    /// <summary>Entries the tail holds before a flush starts whatever the interval says (about 100 bytes of memory each).</summary>
    internal const int TailMax = 262_144;

    internal const string Schema = """
        CREATE TABLE IF NOT EXISTS stream_index (
            stream TEXT NOT NULL,
            sequence INTEGER NOT NULL,
            PRIMARY KEY (stream, sequence)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS stream_index_state (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            indexed_through INTEGER NOT NULL
        );
        INSERT OR IGNORE INTO stream_index_state (id, indexed_through) VALUES (1, 0);
        """;

    private const string Columns = "sequence, stream, entry_id, payload, created_at, also_stream";

    /// <summary>
    /// A read of a stream's own entries after <c>@after</c> is three parts that cannot overlap (<see cref="StreamTail.Snapshot"/>):
    /// the index table's entries up to <c>@indexed</c>, the tail's (<c>@tail</c>, a JSON array of sequences, a part left out
    /// when the tail holds none of the stream), and the journal's rows after the tail's <c>@known</c> (committed meanwhile,
    /// or by another writer on the file). Parts that cannot overlap are joined with UNION ALL, which SQLite merges in order:
    /// no temporary b-tree to drop duplicates, which made a UNION of the three three times as costly as the index's part;
    /// each part comes in sequence order, and the merge stops at the limit.
    /// The journal part's one lower bound is the larger of the two: with two, SQLite starts its range at either, and from
    /// <c>@after</c> (a person's checkpoint, possibly minutes old) it would read every row of the journal since.
    /// </summary>
    private const string IndexedPart =
        "SELECT " + Columns + " FROM journal WHERE sequence IN " +
        "(SELECT sequence FROM stream_index WHERE stream = @stream AND sequence > @after AND sequence <= @indexed ORDER BY sequence LIMIT @count)";

    private const string TailPart = "SELECT " + Columns + " FROM journal WHERE sequence IN (SELECT value FROM json_each(@tail))";

    private const string UnindexedPart = "SELECT " + Columns + " FROM journal WHERE sequence > max(@known, @after) AND stream = @stream";

    /// <summary>Entries of earlier versions naming the stream as their second (as <see cref="StorageSql.ReadJournalStream"/>).</summary>
    private const string AlsoPart = "SELECT " + Columns + " FROM journal WHERE also_stream = @stream AND sequence > @after";

    /// <summary>
    /// The read of a stream after <c>@after</c>: its own entries (as <see cref="StorageSql.ReadOwnJournalStream"/>), and
    /// with <paramref name="alsoStream"/> those naming it as their second stream too (as <see cref="StorageSql.ReadJournalStream"/>);
    /// with <paramref name="tail"/>, the tail's part.
    /// </summary>
    internal static string ReadSql(bool tail, bool alsoStream) =>
        IndexedPart + (tail ? " UNION ALL " + TailPart : "") + " UNION ALL " + UnindexedPart + (alsoStream ? " UNION ALL " + AlsoPart : "") +
        " ORDER BY sequence LIMIT @count";

    internal const string EntrySequence = "SELECT sequence FROM journal WHERE entry_id = @entry";

    internal const string IndexedLast = "SELECT MAX(sequence) FROM stream_index WHERE stream = @stream";

    internal const string Head = "SELECT COALESCE(MAX(sequence), 0) FROM journal";

    internal const string RowsAfter = "SELECT sequence, stream FROM journal WHERE sequence > @after ORDER BY sequence";

    private const string ReadIndexedThrough = "SELECT indexed_through FROM stream_index_state WHERE id = 1";

    private readonly TimeSpan _interval;
    private int _flushing;
    private (string Stream, long Sequence)[]? _cycle;
    private int _cycleNext;
    private long _cycleThrough;
    private long _lastFlushEnded = Stopwatch.GetTimestamp();

    /// <param name="interval">How often the tail is flushed (<see cref="SqliteStorageOptions.StreamIndexFlushInterval"/>).</param>
    /// <param name="open">Opens a connection to the file (for the reads' connections).</param>
    public SqliteStreamIndex(TimeSpan interval, Func<CancellationToken, ValueTask<DbConnection>> open)
    {
        _interval = interval;
        Reads = new SqliteStreamReads(Tail, open);
    }

    public StreamTail Tail { get; } = new();

    /// <summary>The reads of a stream, which consult the table and <see cref="Tail"/>.</summary>
    public SqliteStreamReads Reads { get; }

    /// <summary>Whether <see cref="LoadAsync"/> has rebuilt the tail.</summary>
    public bool Loaded { get; private set; }

    /// <summary>Whether a flush is under way or due: the tail is older than the interval or holds <see cref="TailMax"/> entries.</summary>
    public bool FlushDue =>
        _cycle is not null || Tail.Count >= TailMax || (Tail.Count > 0 && Stopwatch.GetElapsedTime(_lastFlushEnded) >= _interval);

    /// <summary>Rebuilds the tail: every journal row after <c>indexed_through</c>. Returns how many it read.</summary>
    public async Task<int> LoadAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
        await using var read = StorageSql.Command(connection, transaction, ReadIndexedThrough);
        var through = Convert.ToInt64(await read.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        var db = ((SqliteConnection)connection).Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        SqliteNative.Check(db, raw.sqlite3_prepare_v2(db, RowsAfter, out var rowsAfter));
        List<(string Stream, long Sequence)> rows;
        try
        {
            rows = ReadRowsAfter(db, rowsAfter, through);
        }
        finally
        {
            raw.sqlite3_finalize(rowsAfter);
        }

        Tail.DropThrough(through); // the table holds every row up to it: a read takes those from there
        Tail.Add(rows, rows.Count == 0 ? through : Math.Max(through, rows[^1].Sequence));
        await transaction.CommitAsync(cancellationToken);
        Loaded = true;
        return rows.Count;
    }

    /// <summary>
    /// The (stream, sequence) of every journal row after <paramref name="after"/>, in sequence order, through
    /// <paramref name="rowsAfter"/> (<see cref="RowsAfter"/> prepared on <paramref name="db"/>), which it leaves reset.
    /// </summary>
    internal static List<(string Stream, long Sequence)> ReadRowsAfter(sqlite3 db, sqlite3_stmt rowsAfter, long after)
    {
        var rows = new List<(string Stream, long Sequence)>();
        try
        {
            SqliteNative.Check(db, raw.sqlite3_bind_int64(rowsAfter, 1, after));
            int step;
            while ((step = raw.sqlite3_step(rowsAfter)) == raw.SQLITE_ROW)
            {
                rows.Add((raw.sqlite3_column_text(rowsAfter, 1).utf8_to_string(), raw.sqlite3_column_int64(rowsAfter, 0)));
            }

            SqliteNative.Check(db, step);
            return rows;
        }
        finally
        {
            raw.sqlite3_reset(rowsAfter);
        }
    }

    /// <summary>
    /// Flushes one chunk of at most <see cref="FlushChunkMax"/> entries in its own transaction, when a flush is due or under
    /// way (<see cref="FlushDue"/>); a flush takes the tail up to its <see cref="StreamTail.Known"/> at its start, in key
    /// order, and its last chunk moves <c>indexed_through</c> there and drops those entries from memory. Another flush
    /// step already running makes this one return at once. Returns whether a flush is still under way.
    /// </summary>
    public Task<bool> FlushStepAsync(DbConnection connection, CancellationToken cancellationToken) =>
        FlushStepAsync(connection, force: false, cancellationToken);

    /// <summary>As <see cref="FlushStepAsync(DbConnection, CancellationToken)"/>; with <paramref name="force"/>, a flush starts whether due or not.</summary>
    internal async Task<bool> FlushStepAsync(DbConnection connection, bool force, CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _flushing, 1, 0) != 0)
        {
            return true;
        }

        try
        {
            if (_cycle is null)
            {
                if ((!force && !FlushDue) || Tail.Count == 0)
                {
                    return false;
                }

                _cycleThrough = Tail.Known;
                _cycle = Tail.SortedThrough(_cycleThrough);
                _cycleNext = 0;
            }

            var count = Math.Min(FlushChunkMax, _cycle.Length - _cycleNext);
            var last = _cycleNext + count == _cycle.Length;
            await using (var transaction = await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken))
            {
                Insert(connection, _cycle, _cycleNext, count);
                if (last)
                {
                    await using var move = StorageSql.Command(connection, transaction,
                        "UPDATE stream_index_state SET indexed_through = @through WHERE id = 1 AND indexed_through < @through");
                    move.Add("@through", _cycleThrough, DbType.Int64);
                    await move.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
            }

            _cycleNext += count;
            if (!last)
            {
                return true;
            }

            Tail.DropThrough(_cycleThrough);
            _cycle = null;
            _lastFlushEnded = Stopwatch.GetTimestamp();
            return false;
        }
        catch
        {
            _cycle = null; // start again from the tail, which still holds every entry: the index's inserts are idempotent
            throw;
        }
        finally
        {
            Volatile.Write(ref _flushing, 0);
        }
    }

    /// <summary>Flushes the whole tail now (a clean stop: the next start then reads nothing).</summary>
    public async Task FlushAllAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        while (await FlushStepAsync(connection, force: true, cancellationToken))
        {
            await Task.Yield(); // another step may hold the flush: let it finish
        }
    }

    /// <summary>Inserts rows [first, first + count) through SQLite's own interface (each row bound as it is, no ADO.NET parameter boxing).</summary>
    private static void Insert(DbConnection connection, (string Stream, long Sequence)[] rows, int first, int count)
    {
        var db = ((SqliteConnection)connection).Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        SqliteNative.Check(db, raw.sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO stream_index (stream, sequence) VALUES (?1, ?2)", out var insert));
        try
        {
            for (var i = first; i < first + count; i++)
            {
                SqliteNative.Check(db, raw.sqlite3_bind_text(insert, 1, rows[i].Stream));
                SqliteNative.Check(db, raw.sqlite3_bind_int64(insert, 2, rows[i].Sequence));
                var step = raw.sqlite3_step(insert);
                raw.sqlite3_reset(insert);
                SqliteNative.Check(db, step);
            }
        }
        finally
        {
            raw.sqlite3_finalize(insert);
        }
    }

    /// <summary>Sequences as a JSON array, for <c>json_each</c>.</summary>
    internal static string ToJson(long[] sequences)
    {
        if (sequences.Length == 0)
        {
            return "[]";
        }

        var json = new StringBuilder(sequences.Length * 8).Append('[');
        for (var i = 0; i < sequences.Length; i++)
        {
            json.Append(i == 0 ? "" : ",").Append(sequences[i].ToString(CultureInfo.InvariantCulture));
        }

        return json.Append(']').ToString();
    }
}
