using System.Text.Json;
using Medisettle.Grains.Demo;
using Xunit;

namespace Medisettle.Silo.Tests;

/// <summary>Demo data is seeded once per cluster, even when the silos of a new cluster start at the same moment.</summary>
[Collection(ClusterChaosCollection.Name)]
public sealed class ClusterSeedingTests
{
    private const int Persons = 500;
    private const int Institutions = 20;

    [Fact]
    public async Task Two_silos_starting_together_on_an_empty_database_seed_once_and_write_the_same_secrets()
    {
        await using var cluster = await ProcessCluster.StartPostgresAsync();

        var silos = await Task.WhenAll(cluster.StartSiloAsync(0, Persons, Institutions), cluster.StartSiloAsync(1, Persons, Institutions));
        var secrets = Enumerable.Range(0, 2).Select(i => Secrets(Path.Combine(cluster.DataDirectory(i), "demo-credentials.json"))).ToArray();
        var seeded = silos.Count(s => s.Output.Contains("Seeded in ", StringComparison.Ordinal));
        var waitedOrFound = silos.Count(s => s.Output.Contains("Demo data seeded by another silo of the cluster", StringComparison.Ordinal)
            || s.Output.Contains("Demo data present", StringComparison.Ordinal));

        Assert.Equal(1, seeded);
        Assert.Equal(1, waitedOrFound);
        Assert.Equal(Institutions, secrets[0].Count);
        Assert.Equal(secrets[0], secrets[1]);
        Assert.Contains(DemoData.InstitutionCode(Institutions - 1), secrets[0].Keys);
    }

    private static SortedDictionary<string, string> Secrets(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return new SortedDictionary<string, string>(
            document.RootElement.GetProperty(DemoCredentials.InstitutionsProperty).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!),
            StringComparer.Ordinal);
    }
}
