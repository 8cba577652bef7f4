using Xunit;

namespace Medisettle.LoadTest.Tests;

/// <summary>The test classes that share one in-process gateway (<see cref="GatewayFixture"/>).</summary>
[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "gateway";
}
