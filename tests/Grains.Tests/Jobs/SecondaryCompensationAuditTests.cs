using System.Text.Json.Nodes;
using Medisettle.Grains.Jobs;
using Medisettle.Grains.Tests.Settlement;
using Medisettle.Interfaces.Grains;
using Xunit;
using static Medisettle.Grains.Tests.Jobs.JournalRows;

namespace Medisettle.Grains.Tests.Jobs;

/// <summary>The auditor against a 二次补偿 payment changed in the database behind the grains' back (SQLite, put back afterwards).</summary>
[Collection(SqliteCollection.Name)]
public sealed class SecondaryCompensationAuditTests(SqliteClusters clusters)
{
    [Fact]
    public async Task The_audit_reports_a_tampered_compensation_and_passes_once_it_is_put_back()
    {
        var world = await clusters.WorldAsync();
        var (fund, _, hospital) = await RiskReserveSuite.RegionAsync(world, "220786", compensation: true);
        var person = await world.EnrolAsync("A", region: "220786");
        await person.SettleAsync(world.Inpatient("M1", 10_000m, institution: hospital, date: new DateOnly(2042, 6, 1)));
        await RiskReserveSuite.Job(world).RecordIncomeAsync(RiskReserveSuite.Income(world, "I2042", fund, 2042, 100_000m));
        await RiskReserveSuite.Job(world).RunAsync(2042);
        var run = await world.Cluster.Client.GetGrain<ISecondaryCompensationGrain>(SecondaryCompensationGrain.Key).RunAsync(2042);
        await world.Dispatcher.DrainAsync();
        var entryId = SecondaryCompensation.PostingEntry(2042, fund, world.Id("A"));
        var original = await ReadPayloadAsync(world.DatabasePath, entryId);
        var tampered = JsonNode.Parse(original)!;
        tampered["amount"] = 47_200;

        await ExecuteAsync(world.DatabasePath, "UPDATE journal SET payload = @p WHERE entry_id = @e", ("@p", tampered.ToJsonString()), ("@e", entryId));
        var afterTampering = await world.Auditor.AuditAsync();
        await ExecuteAsync(world.DatabasePath, "UPDATE journal SET payload = @p WHERE entry_id = @e", ("@p", original), ("@e", entryId));
        var restored = await world.Auditor.AuditAsync();

        Assert.Equal(Interfaces.Money.Yuan(372), Assert.Single(run.Run!.Persons, p => p.Fund == fund).Paid); // (4,240 − 3,000) × 30 %
        Assert.Contains($"二次补偿 secondary-compensation:2042: person {world.Id("A")} was paid 472.00 by {fund}, the line pays 372.00.", afterTampering.Violations);
        Assert.True(restored.Passed, string.Join("\n", restored.Violations));
    }
}
