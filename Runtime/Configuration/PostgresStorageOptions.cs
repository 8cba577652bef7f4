namespace Medisettle.Runtime.Configuration;

/// <summary>The PostgreSQL storage (Npgsql), for the cluster.</summary>
public sealed class PostgresStorageOptions : GroupCommitOptions
{
    /// <summary>Npgsql connection string. Required; no default.</summary>
    public string ConnectionString { get; set; } = "";
}
