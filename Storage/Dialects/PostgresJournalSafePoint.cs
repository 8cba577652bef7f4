using System.Data.Common;
using System.Diagnostics;
using Npgsql;

namespace Medisettle.Storage.Dialects;

/// <summary>
/// Finds how far the journal can be read without skipping an entry, with no lock on the write path. Silos commit
/// concurrently, and a journal row takes its sequence at INSERT, so a reader can see 11 committed while 10 is still
/// in flight. A sample reads the highest sequence handed out so far (L, from the identity's sequence, which is not
/// transactional), then takes a transaction id of its own (X) in a later statement. Every row with a sequence ≤ L was
/// inserted by a transaction that already had its id (writers take it first:
/// <see cref="PostgresDialect.BeginJournalWriteSql"/>), and ids are handed out in order, so that id is below X. Once
/// the oldest running transaction (the snapshot's xmin) is X or newer, every transaction below X has ended, every row
/// ≤ L that will ever exist is visible, and L is safe. Transaction ids are the 64-bit <c>xid8</c>, which never wrap.
/// </summary>
/// <remarks>
/// The snapshot's list of running transactions is not enough: it leaves out those whose id is above the newest
/// completed one. The sample's own id costs one transaction id per read; its commit writes no data and is not
/// flushed. A writer frozen inside its transaction (SIGSTOP) holds the safe point back — not the other writers — until
/// PostgreSQL ends its session (<c>idle_in_transaction_session_timeout</c>). Transactions of other databases on the
/// same server count too (ids are server-wide): a long one delays readers, never misleads them.
/// </remarks>
internal sealed class PostgresJournalSafePoint
{
    private const string LastSequenceSql =
        "SELECT COALESCE(pg_sequence_last_value(pg_get_serial_sequence('journal', 'sequence')::regclass), 0)";

    private const string OwnIdSql = "SELECT pg_current_xact_id()::text::bigint";

    private const string OldestRunningSql = "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint";

    /// <summary>Pause between two looks at the oldest running transaction while a sample waits to become safe.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(2);

    private long _known;

    /// <summary>The last safe point this process established (0 before the first).</summary>
    public long Known => Interlocked.Read(ref _known);

    public async ValueTask<long> ReadAsync(DbConnection connection, TimeSpan waitMax, CancellationToken cancellationToken) =>
        await SampleAsync(connection, waitMax, cancellationToken) is { } safe ? Publish(safe) : Known;

    /// <summary>One sample: a safe sequence, or null when it did not become safe within <paramref name="waitMax"/>.</summary>
    public static async ValueTask<long?> SampleAsync(DbConnection connection, TimeSpan waitMax, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var npgsql = (NpgsqlConnection)connection;
        long last;
        long own;
        // Two statements of one implicit transaction: the sequence is read before the id is taken.
        await using (var batch = new NpgsqlBatch(npgsql) { BatchCommands = { new(LastSequenceSql), new(OwnIdSql) } })
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            last = reader.GetInt64(0);
            await reader.NextResultAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            own = reader.GetInt64(0);
        }

        await using var poll = new NpgsqlCommand(OldestRunningSql, npgsql);
        while ((long)(await poll.ExecuteScalarAsync(cancellationToken))! < own)
        {
            if (Stopwatch.GetElapsedTime(started) >= waitMax)
            {
                return null;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }

        return last;
    }

    private long Publish(long safe)
    {
        var known = Interlocked.Read(ref _known);
        while (safe > known)
        {
            var seen = Interlocked.CompareExchange(ref _known, safe, known);
            if (seen == known)
            {
                return safe;
            }

            known = seen;
        }

        return known;
    }
}
