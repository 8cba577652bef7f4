using Npgsql;

namespace Medisettle.Storage.Dialects;

/// <summary>
/// The journal's safe point on PostgreSQL for a reader outside a silo (an offline tool such as the what-if replay):
/// the highest sequence at or below which every journal entry that will ever exist is already committed, so reading up
/// to it skips nothing still in flight. The method is <see cref="PostgresJournalSafePoint"/>'s.
/// </summary>
public static class PostgresJournalSafePointReader
{
    /// <summary>
    /// The safe point now, or null when the transactions older than the sample did not all end within
    /// <paramref name="waitMax"/> (a writer still inside its transaction). Costs one transaction id; runs in a read-only
    /// session too (it writes nothing). Call it outside a transaction of the caller's.
    /// </summary>
    public static ValueTask<long?> ReadAsync(NpgsqlConnection connection, TimeSpan waitMax, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return PostgresJournalSafePoint.SampleAsync(connection, waitMax, cancellationToken);
    }
}
