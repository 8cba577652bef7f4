namespace Medisettle.Storage.Hosting;

/// <summary>The PostgreSQL group-commit storage (Npgsql), the cluster store.</summary>
public sealed class PostgresStorageOptions : GroupCommitStorageOptions
{
    /// <summary>Npgsql connection string. Required; no default.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// PostgreSQL ends a writer session that sits this long inside a transaction without sending anything
    /// (<c>idle_in_transaction_session_timeout</c>), rolling its transaction back. A silo paused mid-commit (SIGSTOP,
    /// a long GC or VM pause) would otherwise hold the journal's commit-order lock, and every silo's journal writes
    /// would wait for it. Its callers were not yet answered, so nothing acknowledged is lost. Default 5 s; 1 s to 5 min.
    /// </summary>
    public TimeSpan IdleInTransactionTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
