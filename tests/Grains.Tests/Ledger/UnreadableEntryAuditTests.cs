using System.Text.Json.Nodes;
using Medisettle.Grains.Ledger;
using Medisettle.Grains.Tests.Settlement;
using Medisettle.Interfaces.Settlement;
using Xunit;
using static Medisettle.Grains.Tests.Jobs.JournalRows;

namespace Medisettle.Grains.Tests.Ledger;

/// <summary>
/// An entry the service cannot read (written by a version whose shape this one no longer reads, or damaged) fails the
/// audit with a violation that names it, rather than failing the audit's request; put back, the audit passes.
/// </summary>
public sealed class UnreadableEntryAuditTests
{
    [Fact]
    public async Task A_settlement_record_this_version_cannot_read_fails_the_audit_with_its_entry_named()
    {
        await using var cluster = await SettlementCluster.StartAsync();
        var world = await cluster.NewWorldAsync();
        var person = await world.EnrolAsync("P1");
        var settled = await person.SettleAsync(world.Inpatient("M1", 6_000m));
        Assert.Equal(SettlementStatus.Settled, settled.Status);
        await world.Dispatcher.DrainAsync();
        var entryId = LedgerNames.SettlementEntry(settled.SettlementId!);
        var original = await ReadPayloadAsync(world.DatabasePath, entryId);

        // Without its msgid the record is not a SettlementRecord any more; the postings it carries still read.
        var damaged = JsonNode.Parse(original)!.AsObject();
        Assert.True(damaged.Remove("messageId"));
        await ExecuteAsync(world.DatabasePath, "UPDATE journal SET payload = @p WHERE entry_id = @e", ("@p", damaged.ToJsonString()), ("@e", entryId));
        var failed = await world.Auditor.AuditAsync();

        Assert.False(failed.Passed);
        var violation = Assert.Single(failed.Violations, v => v.StartsWith("Entry ", StringComparison.Ordinal));
        Assert.StartsWith($"Entry {entryId} of stream person:{world.Id("P1")} cannot be read: ", violation, StringComparison.Ordinal);
        Assert.Contains("'messageId'", violation, StringComparison.Ordinal);

        await ExecuteAsync(world.DatabasePath, "UPDATE journal SET payload = @p WHERE entry_id = @e", ("@p", original), ("@e", entryId));
        var restored = await world.Auditor.AuditAsync();
        Assert.True(restored.Passed, string.Join("\n", restored.Violations));
        Assert.Equal(1, restored.Settlements);
    }
}
