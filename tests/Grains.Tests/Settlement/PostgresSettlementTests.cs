using Medisettle.Storage.Testing;
using Xunit;

namespace Medisettle.Grains.Tests.Settlement;

/// <summary>One PostgreSQL 15 server (started by the fixture as the postgres user, loopback port) per collection.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private LocalPostgresServer? server;
    private int databases;

    public LocalPostgresServer Server => server ?? throw new InvalidOperationException("PostgreSQL is not started.");

    public Task InitializeAsync() => StartAsync();

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>A fresh database on the shared server.</summary>
    public Task<string> CreateDatabaseAsync() => Server.CreateDatabaseAsync($"grains_{Interlocked.Increment(ref databases)}");

    private async Task StartAsync() => server = await LocalPostgresServer.StartAsync();
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
