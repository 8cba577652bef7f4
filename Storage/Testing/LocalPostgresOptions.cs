namespace Medisettle.Storage.Testing;

/// <summary>Options of <see cref="LocalPostgresServer"/>.</summary>
public sealed class LocalPostgresOptions
{
    /// <summary>Directory of initdb and pg_ctl. Default: environment variable MEDISETTLE_PG_BIN, else <c>/usr/lib/postgresql/15/bin</c>.</summary>
    public string BinDirectory { get; set; } =
        Environment.GetEnvironmentVariable("MEDISETTLE_PG_BIN") is { Length: > 0 } configured ? configured : "/usr/lib/postgresql/15/bin";

    /// <summary>Keep fsync on (for benchmarks). Default false: tests run with fsync=off, which is fast and not crash-safe.</summary>
    public bool Durable { get; set; }

    /// <summary>Database created at start. Default "medisettle".</summary>
    public string DatabaseName { get; set; } = "medisettle";

    /// <summary>Bound for each of initdb, pg_ctl start and pg_ctl stop. Default 60 s.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Start attempts, each on a new free port (another process may take the port we picked). Default 3.</summary>
    public int StartAttemptsMax { get; set; } = 3;
}
