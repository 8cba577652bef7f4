using Medisettle.Grains.Jobs;
using Medisettle.Grains.Tests.Settlement;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Jobs;
using Medisettle.Interfaces.Ledger;
using Medisettle.Interfaces.Settlement;
using Medisettle.Storage.Journal;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Medisettle.Grains.Tests.Jobs;

/// <summary>
/// The monthly payout (拨付) on the shared clusters. Each test pays months no other test pays (the run covers every
/// institution of the cluster; the lines of this test's own institutions are exact, as is the change of the shared fund
/// pool, since only deductions change it). Adult residents of P0, deductible 400 per admission, 60 %: at the tier-3 or
/// tier-2 hospital 10,000 → basic fund 5,760; 1,000 → 360.
/// </summary>
public abstract class MonthlyPayoutSuite(SharedClusters clusters)
{
    private static readonly string Basic = new FundPoolKey(SettlementWorld.Region, Scheme.UrbanResident, nameof(FundType.BasicPooled)).ToString();

    [Fact]
    public async Task A_month_pays_each_institution_its_receivable_less_the_deductions_once_and_a_second_run_changes_nothing()
    {
        var world = await clusters.WorldAsync();
        var month = new BusinessMonth(2024, 1);
        var (p1, p2) = (await world.EnrolAsync("P1"), await world.EnrolAsync("P2"));
        await p1.SettleAsync(world.Inpatient("M1", 10_000m, date: new DateOnly(2024, 1, 10)));
        await p2.SettleAsync(world.Inpatient("M2", 1_000m, date: new DateOnly(2024, 1, 31)));
        await p2.SettleAsync(world.Inpatient("M3", 1_000m, institution: world.OtherHospitalCode, date: new DateOnly(2024, 1, 15)));
        await p1.SettleAsync(world.Inpatient("M4", 1_000m, date: new DateOnly(2024, 2, 1)));
        var job = Job(world);
        var deduction = await job.RecordDeductionAsync(Deduction(world, "D1", month, 100m));
        await world.Dispatcher.DrainAsync();
        var fundBefore = await world.Fund(Scheme.UrbanResident, nameof(FundType.BasicPooled)).GetSnapshotAsync();
        var journal = world.Services.GetRequiredService<IJournal>();

        var first = await job.RunAsync(month);
        var head = await journal.ReadHeadSequenceAsync();
        var second = await job.RunAsync(month);
        await world.Dispatcher.DrainAsync();
        var fundAfter = await world.Fund(Scheme.UrbanResident, nameof(FundType.BasicPooled)).GetSnapshotAsync();
        var audit = await world.Auditor.AuditAsync();

        Assert.Equal(AuditDeductionOutcome.Recorded, deduction.Outcome);
        Assert.False(first.AlreadyDone);
        Assert.Equal(("monthly-payout:2024-01", month), (first.Run.Period, first.Run.Month));
        Assert.Equal(Line(world.HospitalCode, owed: 6_120m, recorded: 100m, deducted: 100m, paid: 6_020m), LineOf(first.Run, world.HospitalCode));
        Assert.Equal(Line(world.OtherHospitalCode, owed: 360m, recorded: 0m, deducted: 0m, paid: 360m), LineOf(first.Run, world.OtherHospitalCode));
        Assert.Equal(["D1" + world.Prefix], first.Run.DeductionIds);
        Assert.True(second.AlreadyDone);
        Assert.Equal(first.Run.Lines, second.Run.Lines);
        Assert.Equal(head, await journal.ReadHeadSequenceAsync());
        // Paid and deducted leave the receivable: what is left is February's 360.
        Assert.Equal(Money.Yuan(360), (await world.Institution(world.HospitalCode).GetSnapshotAsync())!.Receivable);
        Assert.Equal(Money.Zero, (await world.Institution(world.OtherHospitalCode).GetSnapshotAsync())!.Receivable);
        Assert.Equal(Money.Yuan(-100), fundAfter.Spending - fundBefore.Spending);
        Assert.True(audit.Passed, string.Join("\n", audit.Violations));
        Assert.True(audit.PayoutRunsChecked >= 1);
        Assert.Equal([first.Run.Period], (await job.ListAsync(new BusinessMonth(2023, 12), new BusinessMonth(2024, 1))).Select(r => r.Period));
    }

    [Fact]
    public async Task A_cancel_of_a_paid_settlement_is_recovered_by_the_next_month_and_a_deduction_beyond_the_owed_is_capped()
    {
        var world = await clusters.WorldAsync();
        var (march, april, may) = (new BusinessMonth(2024, 3), new BusinessMonth(2024, 4), new BusinessMonth(2024, 5));
        var (p1, p2) = (await world.EnrolAsync("P1"), await world.EnrolAsync("P2"));
        var settled = await p1.SettleAsync(world.Inpatient("M1", 10_000m, date: new DateOnly(2024, 3, 5)));
        var job = Job(world);
        var paidMarch = await job.RunAsync(march);
        await p1.CancelAsync(new CancelCommand { MessageId = "M2", InstitutionCode = world.HospitalCode, SettlementId = settled.SettlementId! });
        await job.RecordDeductionAsync(Deduction(world, "D1", april, 50m));
        var paidApril = await job.RunAsync(april);
        await p2.SettleAsync(world.Inpatient("M3", 1_000m, date: new DateOnly(2024, 5, 6)));
        await job.RecordDeductionAsync(Deduction(world, "D2", may, 300m));
        await job.RecordDeductionAsync(Deduction(world, "D3", may, 200m));
        var paidMay = await job.RunAsync(may);
        await world.Dispatcher.DrainAsync();
        var audit = await world.Auditor.AuditAsync();

        Assert.Equal(Line(world.HospitalCode, owed: 5_760m, recorded: 0m, deducted: 0m, paid: 5_760m), LineOf(paidMarch.Run, world.HospitalCode));
        Assert.Equal(Line(world.HospitalCode, owed: -5_760m, recorded: 50m, deducted: 0m, paid: -5_760m), LineOf(paidApril.Run, world.HospitalCode));
        Assert.Equal(Line(world.HospitalCode, owed: 360m, recorded: 500m, deducted: 360m, paid: 0m), LineOf(paidMay.Run, world.HospitalCode));
        Assert.Equal(Money.Zero, (await world.Institution(world.HospitalCode).GetSnapshotAsync())!.Receivable);
        Assert.True(audit.Passed, string.Join("\n", audit.Violations));
    }

    [Fact]
    public async Task A_deduction_is_recorded_once_its_id_cannot_be_reused_and_a_paid_month_takes_none()
    {
        var world = await clusters.WorldAsync();
        var month = new BusinessMonth(2024, 6);
        var job = Job(world);

        var recorded = await job.RecordDeductionAsync(Deduction(world, "D1", month, 80m));
        var again = await job.RecordDeductionAsync(Deduction(world, "D1", month, 80m));
        var conflict = await job.RecordDeductionAsync(Deduction(world, "D1", month, 81m));
        await job.RunAsync(month);
        var late = await job.RecordDeductionAsync(Deduction(world, "D2", month, 10m));
        var entries = await world.Services.GetRequiredService<IJournal>().FindAsync("deduction:D2" + world.Prefix);

        Assert.Equal(AuditDeductionOutcome.Recorded, recorded.Outcome);
        Assert.Equal((AuditDeductionOutcome.AlreadyRecorded, recorded.Deduction), (again.Outcome, again.Deduction));
        Assert.Equal((AuditDeductionOutcome.IdConflict, Money.Yuan(80)), (conflict.Outcome, conflict.Deduction.Amount));
        Assert.Equal(AuditDeductionOutcome.MonthAlreadyPaid, late.Outcome);
        Assert.Null(entries);
    }

    [Fact]
    public async Task What_the_job_read_before_a_restart_is_paid_after_it_exactly_once()
    {
        var world = await clusters.RestartableWorldAsync();
        var (july, august) = (new BusinessMonth(2024, 7), new BusinessMonth(2024, 8));
        var person = await world.EnrolAsync("P1");
        await person.SettleAsync(world.Inpatient("M1", 1_000m, date: new DateOnly(2024, 8, 1)));
        var julyRun = await Job(world).RunAsync(july); // reads the August posting into its state, pays nothing of it
        await person.SettleAsync(world.Inpatient("M2", 10_000m, date: new DateOnly(2024, 8, 2)));

        await world.RestartAsync();
        var augustRun = await Job(world).RunAsync(august);
        await world.Dispatcher.DrainAsync();
        var audit = await world.Auditor.AuditAsync();

        Assert.Null(julyRun.Run.Lines.FirstOrDefault(l => l.InstitutionCode == world.HospitalCode));
        Assert.Equal(Line(world.HospitalCode, owed: 6_120m, recorded: 0m, deducted: 0m, paid: 6_120m), LineOf(augustRun.Run, world.HospitalCode));
        Assert.Equal(Money.Zero, (await world.Institution(world.HospitalCode).GetSnapshotAsync())!.Receivable);
        Assert.True(audit.Passed, string.Join("\n", audit.Violations));
    }

    private static IMonthlyPayoutGrain Job(SettlementWorld world) => world.Cluster.Client.GetGrain<IMonthlyPayoutGrain>(MonthlyPayoutGrain.Key);

    internal static AuditDeduction Deduction(SettlementWorld world, string id, BusinessMonth month, decimal yuan) => new()
    {
        DeductionId = id + world.Prefix,
        InstitutionCode = world.HospitalCode,
        Fund = Basic,
        Month = month,
        Amount = Money.FromYuan(yuan),
        Reason = "review: not payable",
    };

    private static MonthlyPayoutLine? LineOf(MonthlyPayoutRun run, string institution) => run.Lines.SingleOrDefault(l => l.InstitutionCode == institution);

    private static MonthlyPayoutLine Line(string institution, decimal owed, decimal recorded, decimal deducted, decimal paid) => new()
    {
        Fund = Basic,
        InstitutionCode = institution,
        Owed = Money.FromYuan(owed),
        DeductionsRecorded = Money.FromYuan(recorded),
        Deducted = Money.FromYuan(deducted),
        Paid = Money.FromYuan(paid),
    };
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteMonthlyPayoutTests(SqliteClusters clusters) : MonthlyPayoutSuite(clusters);

[Collection(PostgresCollection.Name)]
public sealed class PostgresMonthlyPayoutTests(PostgresClusters clusters) : MonthlyPayoutSuite(clusters);
