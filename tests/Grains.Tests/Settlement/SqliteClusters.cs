using Xunit;

namespace Medisettle.Grains.Tests.Settlement;

/// <summary>The settlement clusters on SQLite (a fresh file each) that the tests of <see cref="SqliteCollection"/> share.</summary>
public sealed class SqliteClusters : SharedClusters
{
    protected override Task<string?> CreateStorageAsync() => Task.FromResult<string?>(null);
}

[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqliteClusters>
{
    public const string Name = "grains-sqlite";
}
