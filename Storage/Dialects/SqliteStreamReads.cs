using System.Data.Common;
using System.Runtime.CompilerServices;
using Medisettle.Storage.Journal;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Medisettle.Storage.Dialects;

/// <summary>
/// The reads of one stream on a file with a stream index of its own (<see cref="SqliteStreamIndex"/>), through SQLite's
/// own interface with statements kept prepared per SQLite handle. Microsoft.Data.Sqlite prepares a command's statement
/// on every execution; the read's statement took longer to prepare than to run, and every person's activation reads its
/// stream (a restart replays thousands). A pooled connection keeps its handle, so the statements live as long as the
/// handle (weakly held: a handle the pool closes drops out, and its statements are finalized with it); a handle is used
/// by one open connection at a time, so its statements are too.
/// </summary>
internal sealed class SqliteStreamReads
{
    private readonly StreamTail _tail;
    private readonly ConditionalWeakTable<sqlite3, Statements> _statements = new();

    public SqliteStreamReads(StreamTail tail)
    {
        _tail = tail;
    }

    /// <summary>
    /// The stream's entries after <paramref name="after"/>, at most <paramref name="count"/>, oldest first; with
    /// <paramref name="alsoStream"/> those naming it as their second stream as well. The tail's part is taken before the
    /// statement starts its read, so an entry the tail drops meanwhile is in the table the statement reads.
    /// </summary>
    public List<JournalEntry> Read(DbConnection connection, string stream, long after, int count, bool alsoStream)
    {
        var db = Handle(connection);
        var statements = _statements.GetValue(db, static db => new Statements(db));
        var (indexed, known, sequences) = _tail.Snapshot(stream, after);
        var read = statements.Read(sequences.Length > 0, alsoStream);
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

    /// <summary>The sequence of the entry <paramref name="entryId"/>, or null when there is none.</summary>
    public long? SequenceOf(DbConnection connection, string entryId)
    {
        var db = Handle(connection);
        var lookup = _statements.GetValue(db, static db => new Statements(db)).EntrySequence;
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

    private static sqlite3 Handle(DbConnection connection) =>
        ((SqliteConnection)connection).Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");

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

    /// <summary>One handle's statements, each prepared on its first use.</summary>
    private sealed class Statements(sqlite3 db)
    {
        private readonly Prepared?[] _reads = new Prepared?[4];
        private Prepared? _entrySequence;

        public Prepared EntrySequence => _entrySequence ??= new Prepared(db, SqliteStreamIndex.EntrySequence);

        public Prepared Read(bool tail, bool alsoStream) =>
            _reads[(tail ? 1 : 0) + (alsoStream ? 2 : 0)] ??= new Prepared(db, SqliteStreamIndex.ReadSql(tail, alsoStream));
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

        public void Check(int result)
        {
            if (result is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
            {
                throw new SqliteException(raw.sqlite3_errmsg(_db).utf8_to_string(), result, raw.sqlite3_extended_errcode(_db));
            }
        }

        private int Index(string name) => raw.sqlite3_bind_parameter_index(Statement, name);
    }
}
