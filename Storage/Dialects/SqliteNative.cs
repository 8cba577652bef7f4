using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Medisettle.Storage.Dialects;

/// <summary>What the statements run through SQLite's own interface share (the writer's, the stream index's and its reads').</summary>
internal static class SqliteNative
{
    /// <summary>Throws SQLite's own error of <paramref name="db"/> as a <see cref="SqliteException"/> unless <paramref name="result"/> is OK, DONE or ROW.</summary>
    public static void Check(sqlite3 db, int result)
    {
        if (result is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
        {
            throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), result, raw.sqlite3_extended_errcode(db));
        }
    }
}
