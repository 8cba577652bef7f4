using Medisettle.Storage.Testing;

namespace Medisettle.Storage.Tests;

/// <summary>One PostgreSQL 15 server for the collection; each test creates its own database on it.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private LocalPostgresServer? _server;

    public LocalPostgresServer Server => _server ?? throw new InvalidOperationException("PostgreSQL is not started.");

    public async Task InitializeAsync() => _server = await LocalPostgresServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
