using Medisettle.Storage.Testing;
using Xunit;

namespace Medisettle.Grains.Tests.Settlement;

/// <summary>
/// One PostgreSQL 15 server (started as the postgres user, loopback port) and the settlement clusters on it, each on a
/// database of its own, that the tests of <see cref="PostgresCollection"/> share.
/// </summary>
public sealed class PostgresClusters : SharedClusters
{
    private LocalPostgresServer? _server;
    private int _databases;

    public LocalPostgresServer Server => _server ?? throw new InvalidOperationException("PostgreSQL is not started.");

    public override async Task InitializeAsync()
    {
        _server = await LocalPostgresServer.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>A fresh database on the server.</summary>
    public Task<string> CreateDatabaseAsync() => Server.CreateDatabaseAsync($"grains_{Interlocked.Increment(ref _databases)}");

    protected override async Task<string?> CreateStorageAsync() => await CreateDatabaseAsync();
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresClusters>
{
    public const string Name = "grains-postgres";
}
