namespace Medisettle.LoadTest.Targets;

/// <summary>The grain storage of a co-hosted silo.</summary>
public enum StorageKind
{
    /// <summary>The project's group-commit storage on SQLite (<c>AddSqliteGroupCommitStorageAsDefault</c>).</summary>
    Sqlite,

    /// <summary>The project's group-commit storage on PostgreSQL (<c>AddPostgresGroupCommitStorageAsDefault</c>).</summary>
    Postgres,

    /// <summary>
    /// The baseline: Orleans' own ADO.NET grain storage (<c>Microsoft.Orleans.Persistence.AdoNet</c>, invariant Npgsql) on
    /// PostgreSQL, one transaction per write. It has no journal: the person grains' <c>[JournaledState]</c> writes their
    /// journal appends in a transaction of their own before the state (<c>AdoNetJournaledState</c>), so state and journal
    /// are not atomic on it.
    /// </summary>
    AdoNetPostgres,
}
