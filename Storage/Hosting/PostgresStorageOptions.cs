namespace Medisettle.Storage.Hosting;

/// <summary>The PostgreSQL group-commit storage (Npgsql), the cluster store.</summary>
public sealed class PostgresStorageOptions : GroupCommitStorageOptions
{
    /// <summary>Npgsql connection string. Required; no default.</summary>
    public string ConnectionString { get; set; } = "";
}
