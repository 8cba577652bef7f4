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
    /// PostgreSQL, one transaction per write. It has no journal, so the person grains (<c>[JournaledState]</c>) cannot run
    /// on it; only the state-write benchmark uses it.
    /// </summary>
    AdoNetPostgres,
}
