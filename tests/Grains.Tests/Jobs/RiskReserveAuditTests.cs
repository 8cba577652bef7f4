using System.Text.Json.Nodes;
using Medisettle.Grains.Ledger;
using Medisettle.Grains.Tests.Settlement;
using Xunit;
using static Medisettle.Grains.Tests.Jobs.JournalRows;

namespace Medisettle.Grains.Tests.Jobs;

/// <summary>The auditor against a risk reserve run and an income changed in the database behind the grains' back (SQLite, put back afterwards).</summary>
[Collection(SqliteCollection.Name)]
public sealed class RiskReserveAuditTests(SqliteClusters clusters)
{
    [Fact]
    public async Task The_audit_reports_a_tampered_set_aside_and_a_tampered_income_and_passes_once_they_are_put_back()
    {
        var world = await clusters.WorldAsync();
        var (fund, reserve, _) = await RiskReserveSuite.RegionAsync(world, "220782");
        var job = RiskReserveSuite.Job(world);
        await job.RecordIncomeAsync(RiskReserveSuite.Income(world, "I2036", fund, 2036, 50_000m));
        var run = await job.RunAsync(2036);
        await world.Dispatcher.DrainAsync();
        var runId = LedgerNames.RiskReserveRunEntry(2036);
        var incomeId = LedgerNames.IncomePostingEntry("I2036" + world.Prefix);
        var (runPayload, incomePayload) = (await ReadPayloadAsync(world.DatabasePath, runId), await ReadPayloadAsync(world.DatabasePath, incomeId));
        var tamperedRun = JsonNode.Parse(runPayload)!;
        tamperedRun["lines"]![0]!["setAside"] = 100_000;
        var tamperedIncome = JsonNode.Parse(incomePayload)!;
        tamperedIncome["amount"] = 6_000_000;

        await ExecuteAsync(world.DatabasePath, "UPDATE journal SET payload = @p WHERE entry_id = @e", ("@p", tamperedRun.ToJsonString()), ("@e", runId));
        var afterRun = await world.Auditor.AuditAsync();
        await ExecuteAsync(world.DatabasePath, "UPDATE journal SET payload = @p WHERE entry_id = @e", ("@p", runPayload), ("@e", runId));
        await ExecuteAsync(world.DatabasePath, "UPDATE journal SET payload = @p WHERE entry_id = @e", ("@p", tamperedIncome.ToJsonString()), ("@e", incomeId));
        var afterIncome = await world.Auditor.AuditAsync();
        await ExecuteAsync(world.DatabasePath, "UPDATE journal SET payload = @p WHERE entry_id = @e", ("@p", incomePayload), ("@e", incomeId));
        var restored = await world.Auditor.AuditAsync();

        // 3 % of 50,000 = 1,500 (the cap 7,500 and the surplus 50,000 are more).
        Assert.Equal(Interfaces.Money.Yuan(1_500), Assert.Single(run.Run.Lines).SetAside);
        var violations = string.Join("\n", afterRun.Violations);
        Assert.Contains($"Risk reserve risk-reserve:2036: records [{fund} income 50000.00, spending 0.00, reserve before 0.00, set aside 1000.00], the income and spending it covers make [{fund} income 50000.00, spending 0.00, reserve before 0.00, set aside 1500.00].", violations);
        Assert.Contains($"Risk reserve risk-reserve:2036: {reserve} received 1500.00, the line sets aside 1000.00.", violations);
        Assert.Contains($"{fund}: postings sum to 1500.00 but the settlements imply 1000.00.", violations);
        Assert.Contains($"{fund}: income 50000.00 differs from its applied income postings 60000.00", string.Join("\n", afterIncome.Violations));
        Assert.True(restored.Passed, string.Join("\n", restored.Violations));
    }
}
