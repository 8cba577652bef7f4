using System.Text.Json.Nodes;
using Medisettle.Grains.Jobs;
using Medisettle.Grains.Ledger;
using Medisettle.Grains.Tests.Settlement;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Jobs;
using Medisettle.Interfaces.Ledger;
using Medisettle.Interfaces.Settlement;
using Xunit;
using static Medisettle.Grains.Tests.Jobs.JournalRows;

namespace Medisettle.Grains.Tests.Jobs;

/// <summary>
/// The auditor against a monthly payout changed in the database behind the grains' back (SQLite, edited with SQL and put
/// back afterwards, since the cluster is shared), and the rule of a payout line at its boundaries.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class MonthlyPayoutAuditTests(SqliteClusters clusters)
{
    [Fact]
    public async Task The_audit_reports_a_tampered_payment_and_a_tampered_run_line_and_passes_once_they_are_put_back()
    {
        var world = await clusters.WorldAsync();
        var month = new BusinessMonth(2024, 9);
        var person = await world.EnrolAsync("P1");
        await person.SettleAsync(world.Inpatient("M1", 10_000m, date: new DateOnly(2024, 9, 9)));
        var run = await world.Cluster.Client.GetGrain<IMonthlyPayoutGrain>(MonthlyPayoutGrain.Key).RunAsync(month);
        await world.Dispatcher.DrainAsync();
        var fund = new FundPoolKey(SettlementWorld.Region, Scheme.UrbanResident, nameof(FundType.BasicPooled)).ToString();
        var account = LedgerNames.InstitutionAccount(world.HospitalCode);
        var paymentId = LedgerNames.PayoutPostingEntry(month, account, fund, deduction: false);
        var runId = LedgerNames.MonthlyPayoutRunEntry(month);
        var (payment, runPayload) = (await ReadPayloadAsync(world.DatabasePath, paymentId), await ReadPayloadAsync(world.DatabasePath, runId));
        var tamperedPayment = JsonNode.Parse(payment)!;
        tamperedPayment["amount"] = -500_000;
        var tamperedRun = JsonNode.Parse(runPayload)!;
        var line = tamperedRun["lines"]!.AsArray().Single(l => l!["institutionCode"]!.GetValue<string>() == world.HospitalCode)!;
        line["paid"] = 500_000;

        await ExecuteAsync(world.DatabasePath, "UPDATE journal SET payload = @p WHERE entry_id = @e", ("@p", tamperedPayment.ToJsonString()), ("@e", paymentId));
        var afterPayment = await world.Auditor.AuditAsync();
        await ExecuteAsync(world.DatabasePath, "UPDATE journal SET payload = @p WHERE entry_id = @e", ("@p", payment), ("@e", paymentId));
        await ExecuteAsync(world.DatabasePath, "UPDATE journal SET payload = @p WHERE entry_id = @e", ("@p", tamperedRun.ToJsonString()), ("@e", runId));
        var afterRun = await world.Auditor.AuditAsync();
        await ExecuteAsync(world.DatabasePath, "UPDATE journal SET payload = @p WHERE entry_id = @e", ("@p", runPayload), ("@e", runId));
        var restored = await world.Auditor.AuditAsync();

        Assert.Equal(Money.Yuan(5_760), run.Run.Lines.Single(l => l.InstitutionCode == world.HospitalCode).Paid);
        Assert.Contains($"{account}: postings sum to 760.00 but the settlements imply 0.00.", afterPayment.Violations);
        Assert.Contains(
            $"Monthly payout monthly-payout:2024-09: fund {fund} to institution {world.HospitalCode} records owed 5760.00, deductions 0.00, deducted 0.00, paid 5000.00, " +
            "the postings and deductions it covers make owed 5760.00, deductions 0.00, deducted 0.00, paid 5760.00.",
            afterRun.Violations);
        Assert.Contains($"{account}: postings sum to 0.00 but the settlements imply 760.00.", afterRun.Violations);
        Assert.True(restored.Passed, string.Join("\n", restored.Violations));
    }

    [Theory]
    [InlineData(0, 0, 0, 0)]
    [InlineData(0, 100, 0, 0)]
    [InlineData(-5_760, 50, 0, -5_760)]
    [InlineData(1, 0, 0, 1)]
    [InlineData(1_000, 999, 999, 1)]
    [InlineData(1_000, 1_000, 1_000, 0)]
    [InlineData(1_000, 1_001, 1_000, 0)]
    public void A_line_withholds_the_deductions_up_to_what_is_owed_and_pays_the_rest(long owedFen, long recordedFen, long deductedFen, long paidFen)
    {
        var line = MonthlyPayout.Line("990001:UrbanResident:BasicPooled", "H1", new Money(owedFen), new Money(recordedFen));

        Assert.Equal((new Money(deductedFen), new Money(paidFen)), (line.Deducted, line.Paid));
        Assert.Equal(line.Owed, line.Deducted + line.Paid);
    }
}
