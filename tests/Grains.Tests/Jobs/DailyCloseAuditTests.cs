using System.Text.Json.Nodes;
using Medisettle.Grains.Jobs;
using Medisettle.Grains.Ledger;
using Medisettle.Grains.Tests.Settlement;
using Medisettle.Interfaces.Grains;
using Xunit;
using static Medisettle.Grains.Tests.Jobs.JournalRows;

namespace Medisettle.Grains.Tests.Jobs;

/// <summary>
/// The auditor against a close changed or lost in the database behind the grains' back (SQLite, edited with SQL and put
/// back afterwards, since the cluster is shared).
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class DailyCloseAuditTests(SqliteClusters clusters)
{
    [Fact]
    public async Task The_audit_reports_a_tampered_close_and_a_missing_one_and_passes_once_they_are_put_back()
    {
        var world = await clusters.WorldAsync();
        var day = new DateOnly(2025, 8, 25);
        var person = await world.EnrolAsync("P1");
        await person.SettleAsync(world.Inpatient("M1", 10_000m, date: day));
        await world.Cluster.Client.GetGrain<IDailyCloseGrain>(DailyCloseGrain.Key).RunAsync(day);
        var entryId = LedgerNames.CloseEntry(world.HospitalCode, day);
        var original = await ReadPayloadAsync(world.DatabasePath, entryId);
        var tampered = JsonNode.Parse(original)!;
        tampered["totals"]!["settlementCount"] = 2;

        await ExecuteAsync(world.DatabasePath, "UPDATE journal SET payload = @p WHERE entry_id = @e", ("@p", tampered.ToJsonString()), ("@e", entryId));
        var afterTampering = await world.Auditor.AuditAsync();
        await ExecuteAsync(world.DatabasePath, "UPDATE journal SET payload = @p WHERE entry_id = @e", ("@p", original), ("@e", entryId));
        await ExecuteAsync(world.DatabasePath, "UPDATE journal SET stream = 'moved', entry_id = 'moved:' || entry_id WHERE entry_id = @e", ("@e", entryId));
        var afterLoss = await world.Auditor.AuditAsync();
        await ExecuteAsync(world.DatabasePath, "UPDATE journal SET stream = @s, entry_id = @e WHERE entry_id = 'moved:' || @e", ("@s", LedgerNames.CloseStream(world.HospitalCode)), ("@e", entryId));
        var restored = await world.Auditor.AuditAsync();

        var code = world.HospitalCode;
        Assert.Contains(
            $"Institution {code} close of 2025-08-25: frozen 2 settlements, medfee 10000.00, fund 5760.00, account 0.00, cash 4240.00, but its postings through sequence",
            string.Join("\n", afterTampering.Violations));
        Assert.Contains($"Institution {code} holds 1 settlements, medfee 10000.00, fund 5760.00, account 0.00, cash 4240.00 for closed day 2025-08-25", string.Join("\n", afterTampering.Violations));
        Assert.Contains($"Daily close daily-close:2025-08-25: the run records 1 settlements", string.Join("\n", afterTampering.Violations));
        Assert.Contains($"Daily close daily-close:2025-08-25: institution {code} has no close entry.", afterLoss.Violations);
        Assert.True(restored.Passed, string.Join("\n", restored.Violations));
    }
}
