namespace Medisettle.Storage.Schema;

/// <summary>
/// One named piece of a database schema that <see cref="PostgresSchema.ApplyAsync"/> brings up to date: DDL statements run
/// in order, then rows for Orleans' <c>OrleansQuery</c> table (the SQL texts an Orleans ADO.NET provider reads at start).
/// </summary>
/// <remarks>
/// Every statement must be safe to run again on a database that already has it (<c>CREATE TABLE IF NOT EXISTS</c>,
/// <c>CREATE INDEX IF NOT EXISTS</c>, <c>CREATE OR REPLACE FUNCTION</c>): parts are applied on every silo start.
/// Query rows are upserted, so changing a query's text here changes it in the database at the next start.
/// </remarks>
public sealed record SchemaPart
{
    /// <summary>Longest <c>OrleansQuery.QueryKey</c> the table accepts.</summary>
    public const int QueryKeyLengthMax = 64;

    /// <summary>Longest <c>OrleansQuery.QueryText</c> the table accepts.</summary>
    public const int QueryTextLengthMax = 8000;

    /// <param name="name">Shown in errors, e.g. "orleans-persistence".</param>
    /// <param name="statements">Idempotent DDL, one statement per entry, run in order.</param>
    /// <param name="queries">Query key → query text to upsert into <c>OrleansQuery</c>; none when null.</param>
    public SchemaPart(string name, IReadOnlyList<string> statements, IReadOnlyDictionary<string, string>? queries = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(statements);
        queries ??= new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var statement in statements)
        {
            if (string.IsNullOrWhiteSpace(statement))
            {
                throw new ArgumentException($"Schema part '{name}' has an empty statement.", nameof(statements));
            }
        }

        foreach (var (key, text) in queries)
        {
            if (key.Length is 0 or > QueryKeyLengthMax)
            {
                throw new ArgumentException($"Schema part '{name}': query key '{key}' must be 1 to {QueryKeyLengthMax} characters.", nameof(queries));
            }

            if (string.IsNullOrWhiteSpace(text) || text.Length > QueryTextLengthMax)
            {
                throw new ArgumentException($"Schema part '{name}': text of query '{key}' must be 1 to {QueryTextLengthMax} characters, not {text?.Length ?? 0}.", nameof(queries));
            }
        }

        Name = name;
        Statements = statements;
        Queries = queries;
    }

    public string Name { get; }

    public IReadOnlyList<string> Statements { get; }

    public IReadOnlyDictionary<string, string> Queries { get; }
}
