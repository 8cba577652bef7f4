using Medisettle.Grains.Ledger;
using Medisettle.Grains.PolicyPacks;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Ledger;
using Medisettle.Interfaces.Settlement;
using Medisettle.Storage.Journal;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Medisettle.Grains.Tests.Settlement;

/// <summary>
/// Settle / pre-settle / cancel / retry semantics through the grains, written once and run on SQLite and on
/// PostgreSQL, on clusters the tests of the storage's collection share (each test with its own persons and
/// institutions). Demo region 990001 (pack P0): adult residents pay a 400 deductible at tier 3, then 60%.
/// </summary>
public abstract partial class SettlementSuite(SharedClusters clusters)
{
    /// <summary>A region of the annual-cap audit test alone, with a copy of P0's resident pack.</summary>
    private const string CapRegion = "990097";
    private const string CapPackId = "P0-990097-resident";

    private Task<SettlementWorld> StartAsync() => clusters.WorldAsync();

    [Fact]
    public async Task Settle_commits_the_split_and_the_accumulators()
    {
        var world = await StartAsync();
        var person = await world.EnrolAsync("P1");

        var outcome = await person.SettleAsync(world.Inpatient("M1", 10_000m));

        // (10,000 − 400) × 60% = 5,760.00; the person pays 4,240.00.
        Assert.Equal(SettlementStatus.Settled, outcome.Status);
        Assert.NotNull(outcome.SettlementId);
        Assert.Equal(Money.FromYuan(5_760m), outcome.Breakdown!.FundsPaid.BasicPooled);
        Assert.Equal(Money.FromYuan(4_240m), outcome.Breakdown.CashPaid);
        var snapshot = await person.GetSnapshotAsync();
        Assert.Equal(Money.FromYuan(5_760m), snapshot!.YearToDateFor(2026).FundsPaid.BasicPooled);
        Assert.Equal(outcome.SettlementId, snapshot.ActiveSettlements[outcome.Breakdown.VisitId]);
    }

    [Fact]
    public async Task Pre_settlement_computes_the_same_split_and_commits_nothing()
    {
        var world = await StartAsync();
        var person = await world.EnrolAsync("P1");
        var command = world.Inpatient("M1", 10_000m);

        var pre = await person.PreSettleAsync(command);
        var snapshotAfterPre = await person.GetSnapshotAsync();
        var settled = await person.SettleAsync(command);

        Assert.Equal(SettlementStatus.PreSettled, pre.Status);
        Assert.Null(pre.SettlementId);
        Assert.Equal(Money.Zero, snapshotAfterPre!.YearToDateFor(2026).FundsPaid.BasicPooled);
        Assert.Empty(snapshotAfterPre.ActiveSettlements);
        Assert.Equal(settled.Breakdown!.FundsPaid.BasicPooled, pre.Breakdown!.FundsPaid.BasicPooled);
        Assert.Equal(settled.Breakdown.CashPaid, pre.Breakdown.CashPaid);
    }

    [Fact]
    public async Task Retry_with_the_same_message_id_returns_the_first_answer_and_changes_nothing()
    {
        var world = await StartAsync();
        var person = await world.EnrolAsync("P1");
        var command = world.Inpatient("M1", 10_000m);

        var first = await person.SettleAsync(command);
        var retry = await person.SettleAsync(command);

        Assert.Equal(first, retry with { Breakdown = first.Breakdown });
        Assert.Equal(first.SettlementId, retry.SettlementId);
        Assert.Equal(first.Breakdown!.FundPaySum, retry.Breakdown!.FundPaySum);
        var snapshot = await person.GetSnapshotAsync();
        Assert.Equal(Money.FromYuan(5_760m), snapshot!.YearToDateFor(2026).FundsPaid.BasicPooled);
        Assert.Single(snapshot.ActiveSettlements);
    }

    [Fact]
    public async Task Retry_after_the_silo_restarted_returns_the_first_answer()
    {
        // The collection's restartable cluster: this test restarts every silo.
        var world = await clusters.RestartableWorldAsync();
        var person = await world.EnrolAsync("P1");
        var command = world.Inpatient("M1", 10_000m);
        var first = await person.SettleAsync(command);

        await world.RestartAsync();
        var retry = await world.Person("P1").SettleAsync(command);

        Assert.Equal(SettlementStatus.Settled, retry.Status);
        Assert.Equal(first.SettlementId, retry.SettlementId);
        Assert.Equal(first.AnsweredAt, retry.AnsweredAt);
        var snapshot = await world.Person("P1").GetSnapshotAsync();
        Assert.Equal(Money.FromYuan(5_760m), snapshot!.YearToDateFor(2026).FundsPaid.BasicPooled);
    }

    [Fact]
    public async Task Msgid_reused_for_another_visit_after_the_cache_forgot_it_is_a_conflict_and_changes_nothing()
    {
        var world = await clusters.WorldAsync(recentMessagesMax: 1);
        var person = await world.EnrolAsync("P1");
        var first = world.Inpatient("M1", 10_000m);
        await person.SettleAsync(first);
        await person.SettleAsync(world.Inpatient("M2", 1_000m));

        var reused = await person.SettleAsync(SettlementWorld.WithVisit(first, "V-other"));

        Assert.Equal((SettlementStatus.Rejected, RejectionCode.MessageIdConflict), (reused.Status, reused.Rejection!.Code));
        // 5,760 + (1,000 − 400) × 60% = 5,760 + 360 = 6,120.
        var snapshot = await person.GetSnapshotAsync();
        Assert.Equal(Money.FromYuan(6_120m), snapshot!.YearToDateFor(2026).FundsPaid.BasicPooled);
        Assert.Equal(2, snapshot.ActiveSettlements.Count);
    }

    [Fact]
    public async Task Late_retry_of_the_same_visit_after_the_cache_forgot_it_returns_the_first_answer()
    {
        var world = await clusters.WorldAsync(recentMessagesMax: 1);
        var person = await world.EnrolAsync("P1");
        var first = world.Inpatient("M1", 10_000m);
        var firstOutcome = await person.SettleAsync(first);
        await person.SettleAsync(world.Inpatient("M2", 1_000m));

        var retry = await person.SettleAsync(first);
        var otherMessageSameVisit = await person.SettleAsync(first with { MessageId = "M3" });

        Assert.Equal((SettlementStatus.Settled, firstOutcome.SettlementId, firstOutcome.AnsweredAt), (retry.Status, retry.SettlementId, retry.AnsweredAt));
        Assert.Equal(RejectionCode.VisitAlreadySettled, otherMessageSameVisit.Rejection!.Code);
        var snapshot = await person.GetSnapshotAsync();
        Assert.Equal(Money.FromYuan(6_120m), snapshot!.YearToDateFor(2026).FundsPaid.BasicPooled);
    }

    [Fact]
    public async Task Cancel_restores_the_accumulators_and_account_exactly_and_is_idempotent()
    {
        var world = await StartAsync();
        var person = await world.EnrolAsync("E1", Scheme.Employee, PersonCategory.Employed, accountYuan: 500m);
        var before = await person.GetSnapshotAsync();
        var settled = await person.SettleAsync(world.Inpatient("M1", 10_000m));
        var cancel = new CancelCommand { MessageId = "C1", InstitutionCode = world.HospitalCode, SettlementId = settled.SettlementId! };

        var cancelled = await person.CancelAsync(cancel);
        var again = await person.CancelAsync(cancel);
        var otherMessage = await person.CancelAsync(cancel with { MessageId = "C2" });

        Assert.Equal(SettlementStatus.Cancelled, cancelled.Status);
        Assert.Equal(cancelled.SettlementId, again.SettlementId);
        Assert.Equal(SettlementStatus.Cancelled, again.Status);
        Assert.Equal(RejectionCode.SettlementAlreadyCancelled, otherMessage.Rejection!.Code);
        var after = await person.GetSnapshotAsync();
        Assert.Equal(YearToDate.Empty(2026), after!.YearToDateFor(2026));
        Assert.Equal(before!.AccountBalance, after.AccountBalance);
        Assert.Empty(after.ActiveSettlements);
    }

    [Fact]
    public async Task A_cancelled_visit_can_be_settled_again()
    {
        var world = await StartAsync();
        var person = await world.EnrolAsync("P1");
        var command = world.Inpatient("M1", 10_000m, visitId: "VISIT-1");
        var settled = await person.SettleAsync(command);
        await person.CancelAsync(new CancelCommand { MessageId = "C1", InstitutionCode = world.HospitalCode, SettlementId = settled.SettlementId! });

        var resettled = await person.SettleAsync(command with { MessageId = "M2" });

        Assert.Equal(SettlementStatus.Settled, resettled.Status);
        Assert.NotEqual(settled.SettlementId, resettled.SettlementId);
        Assert.Equal(Money.FromYuan(5_760m), (await person.GetSnapshotAsync())!.YearToDateFor(2026).FundsPaid.BasicPooled);
    }

    [Fact]
    public async Task Settlements_older_than_the_cancel_window_are_forgotten_and_cannot_be_cancelled()
    {
        var world = await StartAsync();
        var person = await world.EnrolAsync("P1");
        var old = await person.SettleAsync(world.Inpatient("M1", 1_000m, date: new DateOnly(2024, 3, 2)));
        var lastYear = await person.SettleAsync(world.Inpatient("M2", 1_000m, date: new DateOnly(2025, 3, 2)));
        var thisYear = await person.SettleAsync(world.Inpatient("M3", 1_000m, date: new DateOnly(2026, 3, 2)));

        // Window of 2 benefit years ending 2026: 2025 and 2026 stay cancellable, 2024 does not.
        var refused = await person.CancelAsync(new CancelCommand { MessageId = "C1", InstitutionCode = world.HospitalCode, SettlementId = old.SettlementId! });
        var cancelled = await person.CancelAsync(new CancelCommand { MessageId = "C2", InstitutionCode = world.HospitalCode, SettlementId = lastYear.SettlementId! });

        Assert.Equal(RejectionCode.CancelWindowClosed, refused.Rejection!.Code);
        Assert.Equal(SettlementStatus.Cancelled, cancelled.Status);
        var snapshot = await person.GetSnapshotAsync();
        Assert.Equal([thisYear.SettlementId!], snapshot!.ActiveSettlements.Values.ToArray());
        Assert.Equal(Money.FromYuan(360m), snapshot.YearToDateFor(2024).FundsPaid.BasicPooled);
        Assert.Equal(Money.Zero, snapshot.YearToDateFor(2025).FundsPaid.BasicPooled);
    }

    [Fact]
    public async Task Only_the_settling_institution_may_cancel()
    {
        var world = await StartAsync();
        var person = await world.EnrolAsync("P1");
        var settled = await person.SettleAsync(world.Inpatient("M1", 10_000m));

        var refused = await person.CancelAsync(new CancelCommand { MessageId = "C1", InstitutionCode = world.OtherHospitalCode, SettlementId = settled.SettlementId! });

        Assert.Equal(RejectionCode.InstitutionMismatch, refused.Rejection!.Code);
        Assert.Single((await person.GetSnapshotAsync())!.ActiveSettlements);
    }

    [Fact]
    public async Task Cancel_of_an_unknown_settlement_is_refused()
    {
        var world = await StartAsync();
        var person = await world.EnrolAsync("P1");

        var refused = await person.CancelAsync(new CancelCommand { MessageId = "C1", InstitutionCode = world.HospitalCode, SettlementId = "S20260302nonexistent" });

        Assert.Equal(RejectionCode.SettlementNotFound, refused.Rejection!.Code);
    }

    [Fact]
    public async Task A_second_settlement_of_the_same_visit_is_refused()
    {
        var world = await StartAsync();
        var person = await world.EnrolAsync("P1");
        var command = world.Inpatient("M1", 10_000m, visitId: "VISIT-1");
        await person.SettleAsync(command);

        var second = await person.SettleAsync(command with { MessageId = "M2" });

        Assert.Equal(RejectionCode.VisitAlreadySettled, second.Rejection!.Code);
        Assert.Equal(Money.FromYuan(5_760m), (await person.GetSnapshotAsync())!.YearToDateFor(2026).FundsPaid.BasicPooled);
    }

    [Fact]
    public async Task Unknown_person_and_unknown_institution_are_refused_without_creating_state()
    {
        var world = await StartAsync();
        var person = await world.EnrolAsync("P1");

        var unknownPerson = await world.Person("NOBODY").SettleAsync(world.Inpatient("M1", 100m));
        var unknownInstitution = await person.SettleAsync(world.Inpatient("M2", 100m, institution: "H-NONE"));

        Assert.Equal(RejectionCode.UnknownPerson, unknownPerson.Rejection!.Code);
        Assert.Equal(RejectionCode.UnknownInstitution, unknownInstitution.Rejection!.Code);
        Assert.Null(await world.Person("NOBODY").GetSnapshotAsync());
    }

    [Fact]
    public async Task A_suspended_institution_is_refused_at_the_next_swipe_and_accepted_once_reinstated()
    {
        var world = await StartAsync();
        var person = await world.EnrolAsync("P1");
        await world.Institution(world.HospitalCode).SetDesignationAsync(DesignationStatus.Suspended, "audit");

        var refused = await person.SettleAsync(world.Inpatient("M1", 1_000m));
        await world.Institution(world.HospitalCode).SetDesignationAsync(DesignationStatus.Active, "audit closed");
        var accepted = await person.SettleAsync(world.Inpatient("M2", 1_000m));

        Assert.Equal(RejectionCode.InstitutionSuspended, refused.Rejection!.Code);
        Assert.Equal(SettlementStatus.Settled, accepted.Status);
    }

    [Fact]
    public async Task A_pharmacy_losing_twelve_points_is_revoked_at_once()
    {
        var world = await StartAsync();
        var person = await world.EnrolAsync("E1", Scheme.Employee, PersonCategory.Employed, accountYuan: 500m);
        var pharmacy = world.Institution(world.PharmacyCode);

        var at11 = await pharmacy.DeductPointsAsync(11, "non-insured goods");
        var at12 = await pharmacy.DeductPointsAsync(1, "duplicate purchase");
        var refused = await person.SettleAsync(world.Pharmacy("M1", 50m));

        Assert.Equal(DesignationStatus.Active, at11.Profile.Designation);
        Assert.Equal(DesignationStatus.Revoked, at12.Profile.Designation);
        Assert.Equal(RejectionCode.InstitutionRevoked, refused.Rejection!.Code);
    }

    [Fact]
    public async Task Two_hundred_concurrent_swipes_pay_exactly_the_annual_cap()
    {
        var world = await StartAsync();
        var person = await world.EnrolAsync("P1");

        // Each stay: (1,000 − 400) × 60% = 360; 200 × 360 = 72,000 > the 40,000 adult cap (fundPayment basis).
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 200)
            .Select(i => person.SettleAsync(world.Inpatient($"M{i:D3}", 1_000m))));

        var paid = outcomes.Where(o => o.Status == SettlementStatus.Settled).Aggregate(Money.Zero, (sum, o) => sum + o.Breakdown!.FundsPaid.BasicPooled);
        Assert.Equal(Money.FromYuan(40_000m), paid);
        Assert.All(outcomes, o => Assert.Equal(SettlementStatus.Settled, o.Status));
        Assert.Equal(Money.FromYuan(40_000m), (await person.GetSnapshotAsync())!.YearToDateFor(2026).FundsPaid.BasicPooled);
        // 111 full stays (39,960) and one stay paying the last 40.00; the other 88 pay nothing from the pool.
        Assert.Equal(112, outcomes.Count(o => o.Breakdown!.FundsPaid.BasicPooled > Money.Zero));
    }

    [Fact]
    public async Task Postings_reach_fund_pools_and_institutions_and_the_audit_passes()
    {
        var world = await StartAsync();
        var pooledBefore = await world.Fund(Scheme.UrbanResident, nameof(FundType.BasicPooled)).GetSnapshotAsync();
        var accountBefore = await world.Fund(Scheme.Employee, FundPoolKey.PersonalAccountFund).GetSnapshotAsync();
        var auditBefore = await world.Auditor.AuditAsync();
        var resident = await world.EnrolAsync("P1");
        var employee = await world.EnrolAsync("E1", Scheme.Employee, PersonCategory.Employed, accountYuan: 500m);
        var a = await resident.SettleAsync(world.Inpatient("M1", 10_000m));
        var b = await employee.SettleAsync(world.Pharmacy("M2", 120m));
        var c = await resident.SettleAsync(world.Inpatient("M3", 1_000m));
        await resident.CancelAsync(new CancelCommand { MessageId = "C3", InstitutionCode = world.HospitalCode, SettlementId = c.SettlementId! });

        var pendingBefore = (await world.Auditor.AuditAsync()).PendingPostings;
        await world.Dispatcher.DrainAsync();
        var audit = await world.Auditor.AuditAsync();

        Assert.True(pendingBefore > 0);
        Assert.True(audit.Passed, string.Join("\n", audit.Violations));
        Assert.Equal(0, audit.PendingPostings);
        Assert.Equal(3, audit.Settlements - auditBefore.Settlements);
        Assert.Equal(1, audit.Cancellations - auditBefore.Cancellations);
        var pooled = await world.Fund(Scheme.UrbanResident, nameof(FundType.BasicPooled)).GetSnapshotAsync();
        Assert.Equal(a.Breakdown!.FundsPaid.BasicPooled, pooled.Spending - pooledBefore.Spending);
        var account = await world.Fund(Scheme.Employee, FundPoolKey.PersonalAccountFund).GetSnapshotAsync();
        Assert.Equal(Money.FromYuan(120m), account.Spending - accountBefore.Spending);
        Assert.Equal(b.Breakdown!.AccountPaid, account.Spending - accountBefore.Spending);
        var hospital = await world.Institution(world.HospitalCode).GetSnapshotAsync();
        Assert.Equal(a.Breakdown.FundPaySum, hospital!.Receivable);
        var day = Assert.Single(hospital.DailyTotals);
        Assert.Equal(1, day.SettlementCount);
        Assert.Equal(Money.FromYuan(10_000m), day.MedicalFeeTotal);
    }

    [Fact]
    public async Task The_audit_checks_each_year_against_the_annual_cap_of_the_pack_in_force()
    {
        // Pack P0 for residents in a region of this test alone: lowering its cap touches no other test of the cluster.
        var world = await StartAsync();
        var registry = world.Cluster.Client.GetGrain<IPolicyRegistryGrain>(IPolicyRegistryGrain.Key);
        var pack = (await File.ReadAllTextAsync(Path.Combine(PolicyPackLoader.DefaultDirectory, "p0-990001-resident.json")))
            .Replace("\"P0-990001-resident\"", $"\"{CapPackId}\"", StringComparison.Ordinal)
            .Replace("\"990001\"", $"\"{CapRegion}\"", StringComparison.Ordinal);
        Assert.NotNull((await registry.LoadAsync(pack, "p0-cap-region.json")).Pack);
        Assert.NotNull((await registry.ActivateAsync(CapPackId)).Pack);
        var hospital = world.Id($"H{CapRegion}T3");
        await world.RegisterAsync(hospital, InstitutionKind.Hospital, InstitutionLevel.Tier3, region: CapRegion);
        var person = await world.EnrolAsync("P1", region: CapRegion);
        var before = await world.Auditor.AuditAsync();
        await person.SettleAsync(world.Inpatient("M1", 10_000m, institution: hospital));
        await world.Dispatcher.DrainAsync();
        var within = await world.Auditor.AuditAsync();

        // The same region with an adult cap of 5,000 (below the 5,760 already paid): the audit must say so.
        AuditReport beyond;
        try
        {
            await registry.LoadAsync(pack.Replace("\"annualCap\": 40000", "\"annualCap\": 5000", StringComparison.Ordinal), "lower-cap.json");
            Assert.NotNull((await registry.ActivateAsync(CapPackId)).Pack);
            beyond = await world.Auditor.AuditAsync();
        }
        finally
        {
            // The cap of 40,000 in force again, so the audits of the cluster's later tests pass.
            await registry.LoadAsync(pack, "p0-cap-region.json");
            await registry.ActivateAsync(CapPackId);
        }

        Assert.True(within.Passed, string.Join("\n", within.Violations));
        Assert.Equal(1, within.AnnualCapsChecked - before.AnnualCapsChecked);
        var violation = Assert.Single(beyond.Violations);
        Assert.Contains("basic fund paid 5760.00 exceeds the annual cap 5000.00", violation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delivering_the_same_postings_twice_applies_them_once()
    {
        var world = await StartAsync();
        var account = new FundPoolKey(SettlementWorld.Region, Scheme.UrbanResident, nameof(FundType.BasicPooled)).ToString();
        var pooled = world.Cluster.Client.GetGrain<IFundPoolGrain>(account);
        var before = await pooled.GetSnapshotAsync();
        var person = await world.EnrolAsync("P1");
        var settled = await person.SettleAsync(world.Inpatient("M1", 10_000m));
        var journal = world.Services.GetRequiredService<IJournal>();
        var postings = (await PostingFeed.ReadAsync(journal, before.AppliedThroughSequence, 100)).Postings
            .Where(p => p.Account == account)
            .Select(p => p.Posting)
            .ToArray();

        await pooled.ApplyPostingsAsync(postings);
        await pooled.ApplyPostingsAsync(postings);
        await world.Dispatcher.DrainAsync();

        var snapshot = await pooled.GetSnapshotAsync();
        Assert.Single(postings);
        Assert.Equal(settled.Breakdown!.FundsPaid.BasicPooled, snapshot.Spending - before.Spending);
        Assert.Equal(1, snapshot.PostingsApplied - before.PostingsApplied);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteSettlementTests(SqliteClusters clusters) : SettlementSuite(clusters);
