using Xunit;

namespace Medisettle.Grains.Tests.Settlement;

[Collection(PostgresCollection.Name)]
public sealed class PostgresSettlementTests(PostgresClusters clusters) : SettlementSuite(clusters);
