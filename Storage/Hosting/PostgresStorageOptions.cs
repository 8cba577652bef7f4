namespace Medisettle.Storage.Hosting;

/// <summary>The PostgreSQL group-commit storage (Npgsql), the cluster store.</summary>
public sealed class PostgresStorageOptions : GroupCommitStorageOptions
{
    /// <summary>Npgsql connection string. Required; no default.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// PostgreSQL ends a writer session that sits this long inside a transaction without sending anything
    /// (<c>idle_in_transaction_session_timeout</c>), rolling its transaction back. A silo paused mid-commit (SIGSTOP,
    /// a long GC or VM pause) would otherwise hold its rows locked and the journal's safe point back indefinitely:
    /// other silos go on committing, but journal consumers (fund and institution postings) wait for it. Its callers
    /// were not yet answered, so nothing acknowledged is lost. Default 5 s; 1 s to 5 min.
    /// </summary>
    public TimeSpan IdleInTransactionTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long one journal read waits for the commits in flight to end so that it can read up to the newest entry
    /// (the safe point, <see cref="Journal.IJournal"/>); after that it reads up to the last safe point it knew and the
    /// next read catches up. Default 200 ms; 0 to 10 s.
    /// </summary>
    public TimeSpan JournalSafePointWaitMax { get; set; } = TimeSpan.FromMilliseconds(200);
}
