using Medisettle.Storage.Testing;
using Xunit;

namespace Medisettle.LoadTest.Tests;

/// <summary>One local PostgreSQL server (fsync off) for a test class; each test creates a database of its own on it.</summary>
public sealed class PostgresServerFixture : IAsyncLifetime
{
    private LocalPostgresServer? _server;

    public LocalPostgresServer Server => _server ?? throw new InvalidOperationException("The PostgreSQL fixture has not started.");

    public async Task InitializeAsync() => _server = await LocalPostgresServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
