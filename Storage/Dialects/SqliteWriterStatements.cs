using System.Globalization;
using System.Text;
using Medisettle.Storage.GroupCommit;
using Medisettle.Storage.Journal;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Medisettle.Storage.Dialects;

/// <summary>
/// The writer's most frequent statements through SQLite's own interface on its connection, inside its open
/// transaction: the journal row insert (the payload bound as the UTF-8 text it already is), the version check of
/// an append-only write and the stream fence's check. Microsoft.Data.Sqlite would turn each payload into UTF-16 and
/// back and build a reader per execution; on the writer, which is the bottleneck, that was a quarter of its time.
/// Kept with the writer's connection (<see cref="WriterStatementsCache"/>); disposing finalizes the statements.
/// </summary>
internal sealed class SqliteWriterStatements : IWriterStatements
{
    private const string InsertSql =
        "INSERT INTO journal (stream, entry_id, payload, created_at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (entry_id) DO NOTHING";

    private const string VersionIsSql =
        "SELECT 1 FROM grain_state WHERE grain_type = ?1 AND grain_key = ?2 AND state_name = ?3 AND version = ?4";

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _insert;
    private readonly sqlite3_stmt _versionIs;
    private readonly sqlite3_stmt _streamHasEntryAfter;
    private DateTimeOffset _createdAt;
    private byte[] _createdAtText = [];

    public SqliteWriterStatements(SqliteConnection connection)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        Check(raw.sqlite3_prepare_v2(_db, InsertSql, out _insert));
        Check(raw.sqlite3_prepare_v2(_db, VersionIsSql, out _versionIs));
        Check(raw.sqlite3_prepare_v2(_db, StorageSql.StreamHasEntryAfter, out _streamHasEntryAfter));
    }

    public bool StreamHasEntryAfter(StreamFence fence)
    {
        ArgumentNullException.ThrowIfNull(fence);
        Check(raw.sqlite3_bind_text(_streamHasEntryAfter, raw.sqlite3_bind_parameter_index(_streamHasEntryAfter, "@stream"), fence.Stream));
        var last = raw.sqlite3_bind_parameter_index(_streamHasEntryAfter, "@last");
        Check(fence.LastEntryId is { } entry ? raw.sqlite3_bind_text(_streamHasEntryAfter, last, entry) : raw.sqlite3_bind_null(_streamHasEntryAfter, last));
        var step = raw.sqlite3_step(_streamHasEntryAfter);
        raw.sqlite3_reset(_streamHasEntryAfter);
        Check(step);
        return step == raw.SQLITE_ROW;
    }

    public bool StateVersionIs(string grainType, string grainKey, string stateName, long expected)
    {
        Check(raw.sqlite3_bind_text(_versionIs, 1, grainType));
        Check(raw.sqlite3_bind_text(_versionIs, 2, grainKey));
        Check(raw.sqlite3_bind_text(_versionIs, 3, stateName));
        Check(raw.sqlite3_bind_int64(_versionIs, 4, expected));
        var step = raw.sqlite3_step(_versionIs);
        raw.sqlite3_reset(_versionIs);
        Check(step);
        return step == raw.SQLITE_ROW;
    }

    public bool Insert(IReadOnlyList<JournalAppend> appends, int first, int rows, DateTimeOffset now)
    {
        var createdAt = CreatedAt(now);
        var inserted = 0;
        for (var i = first; i < first + rows; i++)
        {
            var append = appends[i];
            Check(raw.sqlite3_bind_text(_insert, 1, append.Stream));
            Check(raw.sqlite3_bind_text(_insert, 2, append.EntryId));
            Check(raw.sqlite3_bind_text(_insert, 3, append.Utf8Payload));
            Check(raw.sqlite3_bind_text(_insert, 4, createdAt));
            var step = raw.sqlite3_step(_insert);
            raw.sqlite3_reset(_insert);
            if (step != raw.SQLITE_DONE)
            {
                Check(step);
            }

            inserted += raw.sqlite3_changes(_db);
        }

        return inserted == rows;
    }

    public void Dispose()
    {
        raw.sqlite3_finalize(_insert);
        raw.sqlite3_finalize(_versionIs);
        raw.sqlite3_finalize(_streamHasEntryAfter);
    }

    /// <summary>The text Microsoft.Data.Sqlite stores for a <see cref="DateTimeOffset"/>, made once per batch time.</summary>
    private byte[] CreatedAt(DateTimeOffset now)
    {
        if (now != _createdAt || _createdAtText.Length == 0)
        {
            _createdAt = now;
            _createdAtText = Encoding.UTF8.GetBytes(now.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture));
        }

        return _createdAtText;
    }

    private void Check(int result)
    {
        if (result is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
        {
            throw new SqliteException(raw.sqlite3_errmsg(_db).utf8_to_string(), result, raw.sqlite3_extended_errcode(_db));
        }
    }
}
