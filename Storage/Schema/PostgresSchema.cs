using Npgsql;

namespace Medisettle.Storage.Schema;

/// <summary>
/// Brings a PostgreSQL database up to date with a list of <see cref="SchemaPart"/>s, from code, on every start.
/// </summary>
/// <remarks>
/// All parts run in one transaction that first takes a transaction-scoped advisory lock, so silos starting together
/// apply the schema one after another (concurrent <c>CREATE TABLE IF NOT EXISTS</c> can otherwise fail in PostgreSQL) and
/// a failure leaves nothing half-applied. Each statement is bounded by the connection's command timeout (Npgsql
/// <c>Command Timeout</c>, default 30 s), and so is the wait for the lock.
/// </remarks>
public static class PostgresSchema
{
    /// <summary>
    /// Key of the advisory lock held while applying. The other single-key advisory lock in this repository: 7231009
    /// (group-commit storage tables).
    /// </summary>
    public const long ApplyLockKey = 7231011;

    private const string UpsertQuerySql = """
        INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES (@key, @text)
        ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText
        """;

    /// <summary>
    /// Runs every part's statements in order, then upserts every part's <c>OrleansQuery</c> rows, in one transaction.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// A part carries query rows but <see cref="OrleansQueryTable.Part"/> is not among <paramref name="parts"/>, or two parts
    /// carry the same query key.
    /// </exception>
    public static async Task ApplyAsync(string connectionString, IEnumerable<SchemaPart> parts, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(parts);
        var partList = parts.ToList();
        var queries = CollectQueries(partList);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            command.Parameters.AddWithValue("key", ApplyLockKey);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var part in partList)
        {
            foreach (var statement in part.Statements)
            {
                await using var command = new NpgsqlCommand(statement, connection, transaction);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        foreach (var (key, text) in queries)
        {
            await using var command = new NpgsqlCommand(UpsertQuerySql, connection, transaction);
            command.Parameters.AddWithValue("key", key);
            command.Parameters.AddWithValue("text", text);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static List<KeyValuePair<string, string>> CollectQueries(List<SchemaPart> parts)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        var queries = new List<KeyValuePair<string, string>>();
        foreach (var part in parts)
        {
            ArgumentNullException.ThrowIfNull(part, nameof(parts));
            foreach (var query in part.Queries)
            {
                if (!owners.TryAdd(query.Key, part.Name))
                {
                    throw new ArgumentException($"Query key '{query.Key}' is in both schema part '{owners[query.Key]}' and '{part.Name}'.", nameof(parts));
                }

                queries.Add(query);
            }
        }

        if (queries.Count > 0 && !parts.Any(part => ReferenceEquals(part, OrleansQueryTable.Part)))
        {
            throw new ArgumentException(
                $"Schema parts with query rows need the '{OrleansQueryTable.Part.Name}' part (OrleansQueryTable.Part) in the same call.", nameof(parts));
        }

        return queries;
    }
}
