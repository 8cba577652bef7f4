using Medisettle.Grains.Ledger;
using Medisettle.Storage.Journal;
using Microsoft.Extensions.DependencyInjection;
using Medisettle.Interfaces.Settlement;
using Orleans.Storage;
using Xunit;

namespace Medisettle.Grains.Tests.Settlement;

/// <summary>
/// Orleans can briefly run two activations of one grain while membership changes: a silo frozen (SIGSTOP), voted
/// dead and thawed still holds its activations until it learns it is dead. Two test clusters on one PostgreSQL
/// database, each unaware of the other, reproduce that for good: the same person is active in both. Every state +
/// journal write carries the activation's ETag, so the activation that did not see the other's write — the stale one
/// — fails with <see cref="InconsistentStateException"/> and commits nothing, then reloads; its retry is applied on
/// top of the newer state. Nothing is lost, nothing applied twice, and the audit passes.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SplitBrainFencingTests(PostgresClusters postgres)
{
    [Fact]
    public async Task A_stale_activation_of_a_person_commits_nothing_and_its_retry_is_applied_on_top_of_the_newer_state()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using var firstCluster = await SettlementCluster.StartAsync(database, siloCount: 1);
        await using var secondCluster = await SettlementCluster.StartAsync(database, siloCount: 1);
        var first = await firstCluster.NewWorldAsync();
        var second = new SettlementWorld(secondCluster, first.Prefix); // the same persons and institutions; the first registered them
        await first.EnrolAsync("P1");

        var third = first.Inpatient("M3", 2_000m, visitId: "V3");
        var m1 = await first.Person("P1").SettleAsync(first.Inpatient("M1", 10_000m, visitId: "V1"));  // active in the first cluster
        var m2 = await second.Person("P1").SettleAsync(second.Inpatient("M2", 1_000m, visitId: "V2")); // and now in the second too
        var stale = await Record.ExceptionAsync(() => first.Person("P1").SettleAsync(third));
        var afterRefusal = await second.Person("P1").GetSnapshotAsync();
        var m3Receipt = await first.Services.GetRequiredService<IJournal>().FindAsync(LedgerNames.ReceiptEntry(first.HospitalCode, "M3"));
        var auditAfterRefusal = await first.Auditor.AuditAsync();
        var m3 = await first.Person("P1").SettleAsync(third); // the retry, after the reload
        var final = await first.Person("P1").GetSnapshotAsync(); // the second cluster's activation is the stale one now
        await first.Dispatcher.DrainAsync();
        var audit = await first.Auditor.AuditAsync();

        Assert.Equal(";;", string.Join(";", m1.Rejection?.Message, m2.Rejection?.Message, m3.Rejection?.Message));
        Assert.Equal([SettlementStatus.Settled, SettlementStatus.Settled, SettlementStatus.Settled], new[] { m1.Status, m2.Status, m3.Status });
        Assert.IsType<InconsistentStateException>(stale);
        Assert.Null(m3Receipt);
        Assert.Equal(2, auditAfterRefusal.Settlements);
        Assert.Equal(m1.Breakdown!.FundsPaid.BasicPooled + m2.Breakdown!.FundsPaid.BasicPooled, afterRefusal!.YearToDateFor(2026).FundsPaid.BasicPooled);
        Assert.Equal(2, afterRefusal.ActiveSettlements.Count);
        Assert.Equal(
            m1.Breakdown.FundsPaid.BasicPooled + m2.Breakdown.FundsPaid.BasicPooled + m3.Breakdown!.FundsPaid.BasicPooled,
            final!.YearToDateFor(2026).FundsPaid.BasicPooled);
        Assert.Equal(3, final.ActiveSettlements.Count);
        Assert.True(audit.Passed, string.Join("\n", audit.Violations));
        Assert.Equal(3, audit.Settlements);
        Assert.Equal(0, audit.PendingPostings);
    }
}
