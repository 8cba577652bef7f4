namespace Medisettle.Storage.Schema;

/// <summary>
/// Orleans' <c>OrleansQuery(QueryKey, QueryText)</c> table. Every Orleans ADO.NET provider (grain storage, clustering,
/// reminders) starts by reading its SQL texts from here by key, so this part goes before any part that carries query rows.
/// </summary>
public static class OrleansQueryTable
{
    public static SchemaPart Part { get; } = new(
        "orleans-query",
        [
            $"""
            CREATE TABLE IF NOT EXISTS OrleansQuery
            (
                QueryKey  varchar({SchemaPart.QueryKeyLengthMax}) NOT NULL,
                QueryText varchar({SchemaPart.QueryTextLengthMax}) NOT NULL,
                CONSTRAINT OrleansQuery_Key PRIMARY KEY (QueryKey)
            )
            """,
        ]);
}
