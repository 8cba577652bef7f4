using Medisettle.Grains.Jobs;
using Medisettle.Grains.Tests.Settlement;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Ledger;
using Medisettle.Interfaces.Settlement;
using Medisettle.Storage.Journal;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Medisettle.Grains.Tests.Jobs;

/// <summary>
/// The daily close (日结) on the shared clusters. Each test closes days no other test settles on (the run covers every
/// institution of the cluster, and its sums are exact because only this test's settlements are dated on those days).
/// Adult residents at a tier-3 hospital of P0: deductible 400 per admission, 60 %: 10,000 → fund 5,760, cash 4,240;
/// 1,000 → fund 360, cash 640.
/// </summary>
public abstract class DailyCloseSuite(SharedClusters clusters)
{
    [Fact]
    public async Task Close_freezes_the_day_equal_to_its_postings_once_and_a_second_run_changes_nothing()
    {
        var world = await clusters.WorldAsync();
        var day = new DateOnly(2025, 8, 4);
        var (p1, p2) = (await world.EnrolAsync("P1"), await world.EnrolAsync("P2"));
        await p1.SettleAsync(world.Inpatient("M1", 10_000m, date: day));
        await p2.SettleAsync(world.Inpatient("M2", 1_000m, date: day));
        await p2.SettleAsync(world.Inpatient("M3", 1_000m, date: day.AddDays(1)));
        var job = Job(world);
        var journal = world.Services.GetRequiredService<IJournal>();

        var first = await job.RunAsync(day);
        var head = await journal.ReadHeadSequenceAsync();
        var second = await job.RunAsync(day);
        var close = await world.Institution(world.HospitalCode).CloseDayAsync(day);
        var audit = await world.Auditor.AuditAsync();

        var expected = Totals(day, 2, 11_000m, 6_120m, 4_880m);
        Assert.False(first.AlreadyDone);
        Assert.Equal(("daily-close:2025-08-04", day), (first.Run.Period, first.Run.Date));
        Assert.Contains(world.HospitalCode, first.Run.Institutions);
        Assert.DoesNotContain(world.PharmacyCode, first.Run.Institutions); // no receivable posting yet: not known to the job
        Assert.Equal(expected, first.Run.Totals);
        Assert.Equal(expected, close.Totals);
        Assert.True(second.AlreadyDone);
        Assert.Equal((first.Run.Totals, first.Run.CompletedAt), (second.Run.Totals, second.Run.CompletedAt));
        Assert.Equal(first.Run.Institutions, second.Run.Institutions);
        Assert.Equal(head, await journal.ReadHeadSequenceAsync());
        Assert.True(audit.Passed, string.Join("\n", audit.Violations));
        Assert.True(audit.ClosesChecked >= first.Run.Institutions.Count);
        Assert.Equal([(first.Run.Period, first.Run.Totals)], (await job.ListAsync(day.AddDays(-1), day.AddDays(1))).Select(r => (r.Period, r.Totals)));
        Assert.Empty(await job.ListAsync(day.AddDays(1), day.AddDays(2)));
    }

    [Fact]
    public async Task A_late_settlement_and_a_cancel_for_a_closed_day_are_booked_to_the_next_open_day_and_the_close_stays()
    {
        var world = await clusters.WorldAsync();
        var day = new DateOnly(2025, 8, 11);
        var (p1, p2) = (await world.EnrolAsync("P1"), await world.EnrolAsync("P2"));
        var settled = await p1.SettleAsync(world.Inpatient("M1", 10_000m, date: day));
        var job = Job(world);
        var run = await job.RunAsync(day);

        await p2.SettleAsync(world.Inpatient("M2", 1_000m, date: day));
        await p1.CancelAsync(new CancelCommand { MessageId = "M3", InstitutionCode = world.HospitalCode, SettlementId = settled.SettlementId! });
        await world.Dispatcher.DrainAsync();
        var days = (await world.Institution(world.HospitalCode).GetSnapshotAsync())!.DailyTotals;
        var next = await job.RunAsync(day.AddDays(1));
        var audit = await world.Auditor.AuditAsync();

        Assert.Equal(Totals(day, 1, 10_000m, 5_760m, 4_240m), run.Run.Totals);
        Assert.Equal(Totals(day, 1, 10_000m, 5_760m, 4_240m), days.Single(d => d.Date == day));
        Assert.Equal(Totals(day.AddDays(1), 0, -9_000m, -5_400m, -3_600m), days.Single(d => d.Date == day.AddDays(1)));
        Assert.Equal(Totals(day.AddDays(1), 0, -9_000m, -5_400m, -3_600m), next.Run.Totals);
        Assert.True(audit.Passed, string.Join("\n", audit.Violations));
    }

    [Fact]
    public async Task A_run_half_done_before_a_restart_completes_after_it_with_the_closes_already_made()
    {
        var world = await clusters.RestartableWorldAsync();
        var day = new DateOnly(2025, 8, 18);
        var (p1, p2) = (await world.EnrolAsync("P1"), await world.EnrolAsync("P2"));
        await p1.SettleAsync(world.Inpatient("M1", 10_000m, date: day));
        await world.Dispatcher.DrainAsync();
        // As a run that crashed after closing the hospital: its close is made, the run's entry is not.
        var before = await world.Institution(world.HospitalCode).CloseDayAsync(day);
        await p2.SettleAsync(world.Inpatient("M2", 1_000m, date: day));

        await world.RestartAsync();
        var run = await Job(world).RunAsync(day);
        var after = await world.Institution(world.HospitalCode).CloseDayAsync(day);
        var audit = await world.Auditor.AuditAsync();

        Assert.False(run.AlreadyDone);
        Assert.Equal(Totals(day, 1, 10_000m, 5_760m, 4_240m), before.Totals);
        Assert.Equal(before, after);
        Assert.Equal(Totals(day, 1, 10_000m, 5_760m, 4_240m), run.Run.Totals);
        Assert.Equal(
            Totals(day.AddDays(1), 1, 1_000m, 360m, 640m),
            (await world.Institution(world.HospitalCode).GetSnapshotAsync())!.DailyTotals.Single(d => d.Date == day.AddDays(1)));
        Assert.True(audit.Passed, string.Join("\n", audit.Violations));
    }

    [Fact]
    public async Task The_daily_close_reminder_is_durable_every_day_at_0030_plus_0800_and_kept_across_a_restart()
    {
        var world = await clusters.ScheduledWorldAsync(); // the cluster with the reminders; this test restarts it
        var grain = Job(world).GetGrainId();

        var before = await ReadReminderAsync(world, grain);
        await world.RestartAsync();
        var after = await ReadReminderAsync(world, grain);

        Assert.NotNull(before);
        Assert.NotNull(after);
        Assert.Equal(TimeSpan.FromDays(1), after.Period);
        // Orleans sets the start to its clock + the due time: the same instant to within a second.
        var start = new DateTimeOffset(after.StartAt, TimeSpan.Zero).ToOffset(TimeSpan.FromHours(8)).TimeOfDay;
        Assert.Equal(new TimeSpan(0, 30, 0), TimeSpan.FromSeconds(Math.Round(start.TotalSeconds)));
    }

    private static IDailyCloseGrain Job(SettlementWorld world) => world.Cluster.Client.GetGrain<IDailyCloseGrain>(DailyCloseGrain.Key);

    private static Task<ReminderEntry?> ReadReminderAsync(SettlementWorld world, GrainId grain) =>
        world.Cluster.GetSiloServiceProvider(world.Cluster.Silos[0].SiloAddress).GetRequiredService<IReminderTable>().ReadRow(grain, DailyCloseGrain.ReminderName);

    internal static DailyTotal Totals(DateOnly date, int count, decimal medfee, decimal fund, decimal cash) => new()
    {
        Date = date,
        SettlementCount = count,
        MedicalFeeTotal = Money.FromYuan(medfee),
        FundPaid = Money.FromYuan(fund),
        AccountPaid = Money.Zero,
        CashPaid = Money.FromYuan(cash),
    };
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteDailyCloseTests(SqliteClusters clusters) : DailyCloseSuite(clusters);

[Collection(PostgresCollection.Name)]
public sealed class PostgresDailyCloseTests(PostgresClusters clusters) : DailyCloseSuite(clusters);
