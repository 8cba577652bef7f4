using Medisettle.Storage.GroupCommit;
using Medisettle.Storage.Journal;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Medisettle.Storage.Dialects;

/// <summary>
/// The writer's most frequent statements through SQLite's own interface on its connection, inside its open
/// transaction: the journal row insert (the payload bound as the UTF-8 text it already is, or as its compressed bytes), the version check of
/// an append-only write and the stream fence's check. Microsoft.Data.Sqlite would turn each payload into UTF-16 and
/// back and build a reader per execution; on the writer, which is the bottleneck, that was a quarter of its time.
/// Kept with the writer's connection (<see cref="WriterStatementsCache"/>); disposing finalizes the statements.
/// </summary>
internal sealed class SqliteWriterStatements : IWriterStatements
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _insert;
    private readonly sqlite3_stmt _insertKeyed;
    private readonly sqlite3_stmt _insertUnlessKeyed;
    private readonly sqlite3_stmt _versionIs;
    private readonly sqlite3_stmt _streamHasEntryAfter;

    /// <summary>The fence and the rows written, on a file with a stream index of its own (<see cref="SqliteStreamIndex"/>); null on a file made before.</summary>
    private readonly SqliteStreamFence? _deferred;

    // Parameter positions of the shared statements (StorageSql), found once by name.
    private readonly int _insertStream, _insertEntry, _insertPayload, _insertCreatedAt, _insertAlsoStream;
    private readonly int _unlessStream, _unlessEntry, _unlessPayload, _unlessCreatedAt, _unlessAlsoStream;
    private readonly int _keyedEntry, _keyedPayload, _keyedCreatedAt;
    private readonly int _versionType, _versionKey, _versionName, _versionExpected;
    private readonly int _fenceStream, _fenceLast;

    public SqliteWriterStatements(SqliteConnection connection, SqliteStreamIndex? streamIndex)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        _deferred = streamIndex is null ? null : new SqliteStreamFence(_db, streamIndex);
        Check(raw.sqlite3_prepare_v2(_db, StorageSql.InsertJournalRows(1), out _insert));
        Check(raw.sqlite3_prepare_v2(_db, StorageSql.InsertKeyedEntry, out _insertKeyed));
        Check(raw.sqlite3_prepare_v2(_db, StorageSql.InsertJournalRowUnlessKeyed, out _insertUnlessKeyed));
        Check(raw.sqlite3_prepare_v2(_db, StorageSql.StateVersionIs(rowLock: ""), out _versionIs));
        Check(raw.sqlite3_prepare_v2(_db, StorageSql.StreamHasEntryAfter, out _streamHasEntryAfter));
        (_insertStream, _insertEntry, _insertPayload, _insertCreatedAt, _insertAlsoStream) =
            (Index(_insert, "@s0"), Index(_insert, "@e0"), Index(_insert, "@d0"), Index(_insert, "@n0"), Index(_insert, "@a0"));
        (_unlessStream, _unlessEntry, _unlessPayload, _unlessCreatedAt, _unlessAlsoStream) =
            (Index(_insertUnlessKeyed, "@s0"), Index(_insertUnlessKeyed, "@e0"), Index(_insertUnlessKeyed, "@d0"), Index(_insertUnlessKeyed, "@n0"), Index(_insertUnlessKeyed, "@a0"));
        (_keyedEntry, _keyedPayload, _keyedCreatedAt) = (Index(_insertKeyed, "@e0"), Index(_insertKeyed, "@d0"), Index(_insertKeyed, "@n0"));
        (_versionType, _versionKey, _versionName, _versionExpected) =
            (Index(_versionIs, "@type"), Index(_versionIs, "@key"), Index(_versionIs, "@name"), Index(_versionIs, "@expected"));
        (_fenceStream, _fenceLast) = (Index(_streamHasEntryAfter, "@stream"), Index(_streamHasEntryAfter, "@last"));
    }

    public bool StreamHasEntryAfter(StreamFence fence)
    {
        ArgumentNullException.ThrowIfNull(fence);
        if (_deferred is { } deferred)
        {
            return deferred.HasEntryAfter(fence);
        }

        Check(raw.sqlite3_bind_text(_streamHasEntryAfter, _fenceStream, fence.Stream));
        Check(fence.LastEntryId is { } entry
            ? raw.sqlite3_bind_text(_streamHasEntryAfter, _fenceLast, entry)
            : raw.sqlite3_bind_null(_streamHasEntryAfter, _fenceLast));
        var step = raw.sqlite3_step(_streamHasEntryAfter);
        raw.sqlite3_reset(_streamHasEntryAfter);
        Check(step);
        return step == raw.SQLITE_ROW;
    }

    public bool StateVersionIs(string grainType, string grainKey, string stateName, long expected)
    {
        Check(raw.sqlite3_bind_text(_versionIs, _versionType, grainType));
        Check(raw.sqlite3_bind_text(_versionIs, _versionKey, grainKey));
        Check(raw.sqlite3_bind_text(_versionIs, _versionName, stateName));
        Check(raw.sqlite3_bind_int64(_versionIs, _versionExpected, expected));
        var step = raw.sqlite3_step(_versionIs);
        raw.sqlite3_reset(_versionIs);
        Check(step);
        return step == raw.SQLITE_ROW;
    }

    public bool Insert(IReadOnlyList<JournalAppend> appends, int first, int rows, DateTimeOffset now)
    {
        var createdAt = now.ToUnixTimeMilliseconds();
        var inserted = 0;
        for (var i = first; i < first + rows; i++)
        {
            var append = appends[i];
            if (append.FoundByIdOnly)
            {
                inserted += InsertKeyed(append, createdAt);
                continue;
            }

            inserted += append.UniqueAmongKeyedEntries
                ? InsertRow(_insertUnlessKeyed, (_unlessStream, _unlessEntry, _unlessPayload, _unlessCreatedAt, _unlessAlsoStream), append, createdAt)
                : InsertRow(_insert, (_insertStream, _insertEntry, _insertPayload, _insertCreatedAt, _insertAlsoStream), append, createdAt);
        }

        return inserted == rows;
    }

    /// <summary>Inserts a journal row with <paramref name="insert"/> (its parameters' positions given); 0 when it inserted none.</summary>
    private int InsertRow(sqlite3_stmt insert, (int Stream, int Entry, int Payload, int CreatedAt, int AlsoStream) at, JournalAppend append, long createdAt)
    {
        Check(raw.sqlite3_bind_text(insert, at.Stream, append.Stream));
        Check(raw.sqlite3_bind_text(insert, at.Entry, append.EntryId));
        Check(append.StoredPayload is { } stored
            ? raw.sqlite3_bind_blob(insert, at.Payload, stored)
            : raw.sqlite3_bind_text(insert, at.Payload, append.Utf8Payload));
        Check(raw.sqlite3_bind_int64(insert, at.CreatedAt, createdAt));
        Check(append.AlsoStream is { } also
            ? raw.sqlite3_bind_text(insert, at.AlsoStream, also)
            : raw.sqlite3_bind_null(insert, at.AlsoStream));
        var step = raw.sqlite3_step(insert);
        raw.sqlite3_reset(insert);
        if (step != raw.SQLITE_DONE)
        {
            Check(step);
        }

        var changes = raw.sqlite3_changes(_db);
        if (changes == 1)
        {
            _deferred?.Written(append.Stream, raw.sqlite3_last_insert_rowid(_db));
        }

        return changes;
    }

    /// <summary>Inserts an entry found by id only; 0 when its id exists (among them or in the journal).</summary>
    private int InsertKeyed(JournalAppend append, long createdAt)
    {
        Check(raw.sqlite3_bind_text(_insertKeyed, _keyedEntry, append.EntryId));
        Check(raw.sqlite3_bind_blob(_insertKeyed, _keyedPayload, append.StoredBytes));
        Check(raw.sqlite3_bind_int64(_insertKeyed, _keyedCreatedAt, createdAt));
        var step = raw.sqlite3_step(_insertKeyed);
        raw.sqlite3_reset(_insertKeyed);
        if (step != raw.SQLITE_DONE)
        {
            Check(step);
        }

        return raw.sqlite3_changes(_db);
    }

    public void BeginTransaction() => _deferred?.BeginTransaction();

    public int WriteMark => _deferred?.Mark ?? 0;

    public void UndoWrite(int mark) => _deferred?.UndoTo(mark);

    public void Committed() => _deferred?.Committed();

    public void RolledBack() => _deferred?.Abandoned();

    public void Dispose()
    {
        _deferred?.Dispose();
        raw.sqlite3_finalize(_insert);
        raw.sqlite3_finalize(_insertKeyed);
        raw.sqlite3_finalize(_insertUnlessKeyed);
        raw.sqlite3_finalize(_versionIs);
        raw.sqlite3_finalize(_streamHasEntryAfter);
    }

    /// <summary>The position of parameter <paramref name="name"/> in <paramref name="statement"/>; it must be there.</summary>
    private static int Index(sqlite3_stmt statement, string name)
    {
        var index = raw.sqlite3_bind_parameter_index(statement, name);
        return index > 0 ? index : throw new InvalidOperationException($"The writer's statement has no parameter {name}.");
    }

    private void Check(int result) => SqliteNative.Check(_db, result);
}
