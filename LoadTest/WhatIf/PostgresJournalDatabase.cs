using Medisettle.Storage.Dialects;
using Medisettle.Storage.Journal;
using Npgsql;

namespace Medisettle.LoadTest.WhatIf;

/// <summary>
/// Reads the journal of a cluster's PostgreSQL database, read-only: the session has
/// <c>default_transaction_read_only</c> on, and the entries are read in one <c>REPEATABLE READ READ ONLY</c>
/// transaction (one snapshot for every page), up to the journal's safe point
/// (<see cref="PostgresJournalSafePointReader"/>) taken before that snapshot: silos commit concurrently, and an entry
/// with a lower sequence can still be in flight while a higher one is visible, so reading past the safe point could
/// skip it. The snapshot holds no transaction id, so it does not hold back the silos' own safe points.
/// </summary>
internal sealed class PostgresJournalDatabase(string connectionString) : IWhatIfJournal
{
    /// <summary>Longest wait for the transactions older than the safe-point sample to end.</summary>
    public static readonly TimeSpan SafePointWaitMax = TimeSpan.FromSeconds(5);

    private readonly string _connectionString = ReadOnlyConnectionString(connectionString);
    private NpgsqlConnection? _connection;

    public async Task<WhatIfJournalBounds> OpenAsync(CancellationToken cancellationToken)
    {
        if (_connection is not null)
        {
            throw new InvalidOperationException("The PostgreSQL journal is already open.");
        }

        _connection = new NpgsqlConnection(_connectionString);
        await _connection.OpenAsync(cancellationToken);
        var safe = await PostgresJournalSafePointReader.ReadAsync(_connection, SafePointWaitMax, cancellationToken)
            ?? throw new TimeoutException($"--pg: the journal's safe point was not reached within {SafePointWaitMax.TotalSeconds:F0} s (a transaction writing the journal is still open); try again.");
        await ExecuteAsync("START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", cancellationToken);
        await using var head = new NpgsqlCommand("SELECT COALESCE(MAX(sequence), 0) FROM journal", _connection);
        return new WhatIfJournalBounds(safe, (long)(await head.ExecuteScalarAsync(cancellationToken))!);
    }

    public async Task<IReadOnlyList<JournalEntry>> ReadPersonEntriesAsync(long afterSequence, long upToSequence, CancellationToken cancellationToken)
    {
        var connection = _connection ?? throw new InvalidOperationException("Open the PostgreSQL journal first.");
        await using var command = new NpgsqlCommand(
            "SELECT sequence, stream, entry_id, payload, created_at FROM journal "
            + "WHERE sequence > @after AND sequence <= @upTo AND substr(stream, 1, 7) = 'person:' ORDER BY sequence LIMIT @count", connection);
        command.Parameters.AddWithValue("after", afterSequence);
        command.Parameters.AddWithValue("upTo", upToSequence);
        command.Parameters.AddWithValue("count", IWhatIfJournal.PageSizeMax);
        var entries = new List<JournalEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(JournalEntry.FromRow(reader));
        }

        return entries;
    }

    /// <summary>Closing the connection ends the read-only transaction (nothing to commit).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }

    /// <summary>
    /// The connection string with the session made read-only, no pooling (one connection for the run) and an
    /// application name the operator can see in <c>pg_stat_activity</c>. A malformed string throws
    /// <see cref="ArgumentException"/> naming the option.
    /// </summary>
    public static string ReadOnlyConnectionString(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = "medisettle-whatif" };
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
        {
            throw new ArgumentException($"--pg is not a PostgreSQL connection string: {e.Message}", e);
        }

        builder.Options = $"{builder.Options} -c default_transaction_read_only=on".Trim();
        return builder.ConnectionString;
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, _connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
