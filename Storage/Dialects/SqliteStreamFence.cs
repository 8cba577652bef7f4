using Medisettle.Storage.Journal;
using SQLitePCL;

namespace Medisettle.Storage.Dialects;

/// <summary>
/// The writer's side of <see cref="SqliteStreamIndex"/> on one connection: the stream fence's check and what each write
/// transaction appended. A stream's newest entry is, in this order, the newest one this transaction appended, the tail's
/// (<see cref="StreamTail"/>), or the index table's; the transaction first adds to the tail what other writers committed
/// since the tail's <see cref="StreamTail.Known"/> (it holds SQLite's write lock, so nothing commits meanwhile), and after
/// COMMIT adds its own rows. Used by one thread at a time, as its connection.
/// </summary>
internal sealed class SqliteStreamFence : IDisposable
{
    private readonly sqlite3 _db;
    private readonly SqliteStreamIndex _index;
    private readonly sqlite3_stmt _entrySequence;
    private readonly sqlite3_stmt _indexedLast;
    private readonly sqlite3_stmt _head;
    private readonly sqlite3_stmt _rowsAfter;
    private readonly List<(string Stream, long Sequence)> _written = [];
    private readonly Dictionary<string, long> _lastWritten = new(StringComparer.Ordinal);
    private long _headAtBegin;

    public SqliteStreamFence(sqlite3 db, SqliteStreamIndex index)
    {
        _db = db;
        _index = index;
        Check(raw.sqlite3_prepare_v2(_db, SqliteStreamIndex.EntrySequence, out _entrySequence));
        Check(raw.sqlite3_prepare_v2(_db, SqliteStreamIndex.IndexedLast, out _indexedLast));
        Check(raw.sqlite3_prepare_v2(_db, SqliteStreamIndex.Head, out _head));
        Check(raw.sqlite3_prepare_v2(_db, SqliteStreamIndex.RowsAfter, out _rowsAfter));
    }

    /// <summary>At the start of a write transaction: adds to the tail what other writers committed since it last learned.</summary>
    public void BeginTransaction()
    {
        _written.Clear();
        _lastWritten.Clear();
        _headAtBegin = ReadLong(_head) ?? 0;
        var known = _index.Tail.Known;
        if (_headAtBegin > known)
        {
            // Another writer on this file (another silo, or a direct write) committed rows this one has not seen.
            _index.Tail.Add(SqliteStreamIndex.ReadRowsAfter(_db, _rowsAfter, known), _headAtBegin);
        }
    }

    /// <summary>A stream row this transaction inserted.</summary>
    public void Written(string stream, long sequence)
    {
        _written.Add((stream, sequence));
        _lastWritten[stream] = sequence;
    }

    /// <summary>How many rows this transaction has inserted so far (a write's savepoint).</summary>
    public int Mark => _written.Count;

    /// <summary>Forgets the rows inserted after <paramref name="mark"/> (their savepoint was rolled back).</summary>
    public void UndoTo(int mark)
    {
        if (mark == _written.Count)
        {
            return;
        }

        _written.RemoveRange(mark, _written.Count - mark);
        _lastWritten.Clear();
        foreach (var (stream, sequence) in _written)
        {
            _lastWritten[stream] = sequence;
        }
    }

    /// <summary>After COMMIT: the tail takes this transaction's rows.</summary>
    public void Committed()
    {
        var through = _written.Count == 0 ? _headAtBegin : Math.Max(_headAtBegin, _written[^1].Sequence);
        _index.Tail.Add(_written, through);
        Abandoned();
    }

    /// <summary>After a rollback of the whole transaction: nothing it inserted exists.</summary>
    public void Abandoned()
    {
        _written.Clear();
        _lastWritten.Clear();
    }

    /// <summary>Whether the fence's stream has an entry after the fence's last one.</summary>
    public bool HasEntryAfter(StreamFence fence)
    {
        ArgumentNullException.ThrowIfNull(fence);
        long lastSeen = 0;
        if (fence.LastEntryId is { } entry)
        {
            Check(raw.sqlite3_bind_text(_entrySequence, 1, entry));
            lastSeen = ReadLong(_entrySequence) ?? 0;
        }

        long newest;
        if (_lastWritten.TryGetValue(fence.Stream, out var written))
        {
            newest = written;
        }
        else if (_index.Tail.Last(fence.Stream) is { } inTail)
        {
            newest = inTail;
        }
        else
        {
            Check(raw.sqlite3_bind_text(_indexedLast, 1, fence.Stream));
            newest = ReadLong(_indexedLast) ?? 0;
        }

        return newest > lastSeen;
    }

    /// <summary>Steps a one-value query and resets it: the value, or null when it returned no row or NULL.</summary>
    private long? ReadLong(sqlite3_stmt statement)
    {
        try
        {
            var step = raw.sqlite3_step(statement);
            Check(step);
            return step == raw.SQLITE_ROW && raw.sqlite3_column_type(statement, 0) != raw.SQLITE_NULL ? raw.sqlite3_column_int64(statement, 0) : null;
        }
        finally
        {
            raw.sqlite3_reset(statement);
        }
    }

    public void Dispose()
    {
        raw.sqlite3_finalize(_entrySequence);
        raw.sqlite3_finalize(_indexedLast);
        raw.sqlite3_finalize(_head);
        raw.sqlite3_finalize(_rowsAfter);
    }

    private void Check(int result) => SqliteNative.Check(_db, result);
}
