using System.Collections.Concurrent;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Settlement;
using Xunit;
using Xunit.Abstractions;

namespace Medisettle.Grains.Tests.Settlement;

/// <summary>
/// A silo is lost in the middle of concurrent swipes (3 silos on PostgreSQL, persons spread over them). Callers retry
/// what failed with the same message id, as hospital systems do. Afterwards every settlement is applied exactly once:
/// each message answers one setl_id, every account is its opening balance less exactly the swipes, and the audit passes.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SiloLossTests(PostgresClusters postgres, ITestOutputHelper output)
{
    private const int Persons = 30;
    private const int Swipes = 300;
    private const int KillAfterAcknowledged = 100;
    private const int Workers = 24;
    private const int AttemptsMax = 40;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// A call the killed silo's gateway had taken is never answered: the client gives up on it after this (Orleans'
    /// default is 30 s, which was most of this test's time) and the worker sends it again with its msgid.
    /// </summary>
    private static readonly TimeSpan ClientResponseTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Killing_a_silo_during_concurrent_swipes_loses_nothing_and_applies_nothing_twice()
    {
        // Its own cluster: it kills a silo, and runs on 3.
        await using var cluster = await SettlementCluster.StartAsync(await postgres.CreateDatabaseAsync(), siloCount: 3, clientResponseTimeout: ClientResponseTimeout);
        var world = await cluster.NewWorldAsync();
        var persons = new List<string>();
        for (var i = 0; i < Persons; i++)
        {
            var id = $"E{i:D3}";
            await world.EnrolAsync(id, Scheme.Employee, PersonCategory.Employed, accountYuan: 1_000m);
            persons.Add(id);
        }

        var commands = Enumerable.Range(0, Swipes).Select(i => (Person: persons[i % Persons], Command: world.Pharmacy($"M{i:D4}", 1m + (i % 7)))).ToArray();
        var acknowledged = new ConcurrentDictionary<string, string>();
        var failedAttempts = 0;
        var killed = 0;
        var next = -1;

        await Task.WhenAll(Enumerable.Range(0, Workers).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) is var index && index < Swipes)
            {
                var (person, command) = commands[index];
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        var outcome = await world.Person(person).SettleAsync(command);
                        Assert.Equal(SettlementStatus.Settled, outcome.Status);
                        acknowledged[command.MessageId] = outcome.SettlementId!;
                        break;
                    }
                    catch (Exception e) when (e is not Xunit.Sdk.XunitException && attempt < AttemptsMax)
                    {
                        Interlocked.Increment(ref failedAttempts);
                        await Task.Delay(RetryDelay);
                    }
                }

                if (acknowledged.Count >= KillAfterAcknowledged && Interlocked.Exchange(ref killed, 1) == 0)
                {
                    await world.Cluster.KillSiloAsync(world.Cluster.Silos[^1]);
                }
            }
        }));

        output.WriteLine($"{acknowledged.Count} acknowledged; {failedAttempts} attempts failed while the silo was lost and were retried");
        Assert.Equal(1, killed);
        Assert.Equal(Swipes, acknowledged.Count);
        foreach (var (person, command) in commands)
        {
            var retry = await world.Person(person).SettleAsync(command);
            Assert.Equal(acknowledged[command.MessageId], retry.SettlementId);
        }

        foreach (var person in persons)
        {
            var spent = commands.Where(c => c.Person == person).Aggregate(Money.Zero, (sum, c) => sum + c.Command.Visit.DeclaredTotal);
            var snapshot = (await world.Person(person).GetSnapshotAsync())!;
            Assert.Equal(Money.FromYuan(1_000m) - spent, snapshot.AccountBalance);
            Assert.Equal(Swipes / Persons, snapshot.ActiveSettlements.Count);
        }

        await world.Dispatcher.DrainAsync();
        var audit = await world.Auditor.AuditAsync();
        Assert.True(audit.Passed, string.Join("\n", audit.Violations));
        Assert.Equal(Swipes, audit.Settlements);
    }
}
