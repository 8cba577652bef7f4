using Medisettle.Storage.Testing;
using Xunit;

namespace Medisettle.Grains.Tests.Settlement;

/// <summary>One PostgreSQL 15 server (started by the fixture as the postgres user, loopback port) per collection.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private LocalPostgresServer? _server;
    private int _databases;

    public LocalPostgresServer Server => _server ?? throw new InvalidOperationException("PostgreSQL is not started.");

    public Task InitializeAsync() => StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>A fresh database on the shared server.</summary>
    public Task<string> CreateDatabaseAsync() => Server.CreateDatabaseAsync($"grains_{Interlocked.Increment(ref _databases)}");

    private async Task StartAsync() => _server = await LocalPostgresServer.StartAsync();
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "grains-postgres";
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresSettlementTests(PostgresFixture postgres) : SettlementSuite
{
    protected override async Task<string?> CreateStorageAsync() => await postgres.CreateDatabaseAsync();
}
