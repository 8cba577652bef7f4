using Xunit;

namespace Medisettle.Silo.Tests;

/// <summary>The process-level chaos test runs alone: it starts five processes and PostgreSQL on a shared 2-core machine.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterChaosCollection
{
    public const string Name = "cluster chaos";
}
