using Medisettle.Runtime.Configuration;
using Medisettle.Runtime.Hosting;

namespace Medisettle.Runtime.Testing;

/// <summary>The storage a <see cref="TestCluster"/> uses; the same storage survives <see cref="TestCluster.RestartAsync"/>.</summary>
public sealed class TestStorage
{
    private readonly Action<ISiloBuilder> _apply;

    private TestStorage(string description, Action<ISiloBuilder> apply)
    {
        Description = description;
        _apply = apply;
    }

    public string Description { get; }

    /// <summary>SQLite at <paramref name="databasePath"/>; synchronous=NORMAL unless <paramref name="configure"/> says otherwise (tests need no power-loss durability).</summary>
    public static TestStorage Sqlite(string databasePath, Action<SqliteStorageOptions>? configure = null) =>
        new($"sqlite:{databasePath}", silo => silo.UseSqliteStorage(options =>
        {
            options.DatabasePath = databasePath;
            options.Synchronous = SqliteSynchronousMode.Normal;
            configure?.Invoke(options);
        }));

    public static TestStorage Postgres(string connectionString, Action<PostgresStorageOptions>? configure = null) =>
        new("postgres", silo => silo.UsePostgresStorage(options =>
        {
            options.ConnectionString = connectionString;
            configure?.Invoke(options);
        }));

    internal void Apply(ISiloBuilder silo) => _apply(silo);

    public override string ToString() => Description;
}
