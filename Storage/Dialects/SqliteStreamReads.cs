using System.Collections.Concurrent;
using System.Data.Common;
using Medisettle.Storage.Journal;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Medisettle.Storage.Dialects;

/// <summary>
/// The reads of one stream on a file with a stream index of its own (<see cref="SqliteStreamIndex"/>), through SQLite's
/// own interface with statements kept prepared. Microsoft.Data.Sqlite prepares a command's statement on every execution;
/// the read's statement took longer to prepare than to run, and every person's activation reads its stream (a restart
/// replays thousands). So a few connections are kept open between reads, each with its statements prepared (a read
/// takes one, or opens one when all are busy), and <see cref="StopAsync"/> finalizes their statements and closes them
/// when the storage stops: a statement left unfinalized would keep SQLite from closing its connection, and the last
/// close is what folds the WAL into the file of a stopped silo.
/// </summary>
internal sealed class SqliteStreamReads
{
    /// <summary>Connections kept open between reads; reads beyond them open and close their own.</summary>
    private static readonly int IdleMax = Math.Max(4, 2 * Environment.ProcessorCount);

    private readonly StreamTail _tail;
    private readonly Func<CancellationToken, ValueTask<DbConnection>> _open;
    private readonly ConcurrentBag<Reader> _idle = [];
    private volatile bool _stopped;

    public SqliteStreamReads(StreamTail tail, Func<CancellationToken, ValueTask<DbConnection>> open)
    {
        _tail = tail;
        _open = open;
    }

    /// <summary>
    /// The stream's entries after <paramref name="after"/>, at most <paramref name="count"/>, oldest first; with
    /// <paramref name="alsoStream"/> those naming it as their second stream as well.
    /// </summary>
    public async Task<IReadOnlyList<JournalEntry>> ReadAsync(string stream, long after, int count, bool alsoStream, CancellationToken cancellationToken)
    {
        var reader = await RentAsync(cancellationToken);
        try
        {
            return reader.Read(_tail, stream, after, count, alsoStream);
        }
        finally
        {
            await ReturnAsync(reader);
        }
    }

    /// <summary>The entry <paramref name="entryId"/> and the stream's own entries after it; none when the entry does not exist.</summary>
    public async Task<IReadOnlyList<JournalEntry>> ReadFromAsync(string stream, string entryId, int count, CancellationToken cancellationToken)
    {
        var reader = await RentAsync(cancellationToken);
        try
        {
            return reader.SequenceOf(entryId) is { } sequence ? reader.Read(_tail, stream, sequence - 1, count, alsoStream: false) : [];
        }
        finally
        {
            await ReturnAsync(reader);
        }
    }

    /// <summary>Closes the connections kept open; reads after this open and close their own.</summary>
    public async Task StopAsync()
    {
        _stopped = true;
        while (_idle.TryTake(out var reader))
        {
            await reader.DisposeAsync();
        }
    }

    private async ValueTask<Reader> RentAsync(CancellationToken cancellationToken) =>
        _idle.TryTake(out var reader) ? reader : new Reader(await _open(cancellationToken));

    private async ValueTask ReturnAsync(Reader reader)
    {
        if (_stopped || _idle.Count >= IdleMax)
        {
            await reader.DisposeAsync();
            return;
        }

        _idle.Add(reader);
        if (_stopped && _idle.TryTake(out var late)) // stopped meanwhile: StopAsync may have drained the bag before the add
        {
            await late.DisposeAsync();
        }
    }

    /// <summary>An open connection and its statements, each prepared on its first use; used by one read at a time.</summary>
    private sealed class Reader(DbConnection connection) : IAsyncDisposable
    {
        private readonly sqlite3 _db = ((SqliteConnection)connection).Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        private readonly Prepared?[] _reads = new Prepared?[4];
        private Prepared? _entrySequence;

        public List<JournalEntry> Read(StreamTail tail, string stream, long after, int count, bool alsoStream)
        {
            // The tail's part is taken before the statement starts its read, so an entry the tail drops meanwhile is in
            // the table the statement reads.
            var (indexed, known, sequences) = tail.Snapshot(stream, after);
            var read = _reads[(sequences.Length > 0 ? 1 : 0) + (alsoStream ? 2 : 0)] ??= new Prepared(_db, SqliteStreamIndex.ReadSql(sequences.Length > 0, alsoStream));
            try
            {
                read.BindText(read.Stream, stream);
                read.BindInt64(read.After, after);
                read.BindInt64(read.Indexed, indexed);
                read.BindInt64(read.Known, known);
                read.BindInt64(read.Count, count);
                if (read.Tail > 0)
                {
                    read.BindText(read.Tail, SqliteStreamIndex.ToJson(sequences));
                }

                var entries = new List<JournalEntry>();
                int step;
                while ((step = raw.sqlite3_step(read.Statement)) == raw.SQLITE_ROW)
                {
                    entries.Add(EntryOf(read.Statement));
                }

                read.Check(step);
                return entries;
            }
            finally
            {
                raw.sqlite3_reset(read.Statement); // ends the statement's read of the file: an open one would hold back checkpoints
            }
        }

        public long? SequenceOf(string entryId)
        {
            var lookup = _entrySequence ??= new Prepared(_db, SqliteStreamIndex.EntrySequence);
            try
            {
                lookup.BindText(1, entryId);
                var step = raw.sqlite3_step(lookup.Statement);
                lookup.Check(step);
                return step == raw.SQLITE_ROW ? raw.sqlite3_column_int64(lookup.Statement, 0) : null;
            }
            finally
            {
                raw.sqlite3_reset(lookup.Statement);
            }
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var prepared in _reads.Append(_entrySequence))
            {
                prepared?.Statement.Dispose(); // finalizes it
            }

            await connection.DisposeAsync();
        }

        /// <summary>A row of the journal's columns in their order (<c>sequence, stream, entry_id, payload, created_at, also_stream</c>).</summary>
        private static JournalEntry EntryOf(sqlite3_stmt row) =>
            JournalEntry.FromStored(
                raw.sqlite3_column_int64(row, 0),
                raw.sqlite3_column_text(row, 1).utf8_to_string(),
                raw.sqlite3_column_text(row, 2).utf8_to_string(),
                raw.sqlite3_column_blob(row, 3).ToArray(), // a TEXT payload's bytes are its UTF-8
                raw.sqlite3_column_type(row, 4) == raw.SQLITE_INTEGER
                    ? DateTimeOffset.FromUnixTimeMilliseconds(raw.sqlite3_column_int64(row, 4))
                    : JournalEntry.CreatedAtOfText(raw.sqlite3_column_text(row, 4).utf8_to_string()),
                raw.sqlite3_column_type(row, 5) == raw.SQLITE_NULL ? null : raw.sqlite3_column_text(row, 5).utf8_to_string());
    }

    /// <summary>A prepared statement and the positions of its named parameters (0: the statement has none of that name).</summary>
    private sealed class Prepared
    {
        private readonly sqlite3 _db;

        public Prepared(sqlite3 db, string sql)
        {
            _db = db;
            Check(raw.sqlite3_prepare_v2(db, sql, out var statement));
            Statement = statement;
            (Stream, After, Indexed, Known, Count, Tail) = (Index("@stream"), Index("@after"), Index("@indexed"), Index("@known"), Index("@count"), Index("@tail"));
        }

        public sqlite3_stmt Statement { get; }

        public int Stream { get; }

        public int After { get; }

        public int Indexed { get; }

        public int Known { get; }

        public int Count { get; }

        public int Tail { get; }

        public void BindText(int index, string value) => Check(raw.sqlite3_bind_text(Statement, index, value));

        public void BindInt64(int index, long value) => Check(raw.sqlite3_bind_int64(Statement, index, value));

        public void Check(int result) => SqliteNative.Check(_db, result);

        private int Index(string name) => raw.sqlite3_bind_parameter_index(Statement, name);
    }
}
