using Medisettle.Grains.Jobs;
using Medisettle.Grains.Tests.Settlement;
using Medisettle.Interfaces.Grains;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Medisettle.Grains.Tests.Jobs;

/// <summary>The year-end and monthly jobs' durable reminders, registered by <c>AddFundJobSchedule</c> at silo start.</summary>
[Collection(SqliteCollection.Name)]
public sealed class FundJobRemindersTests(SqliteClusters clusters)
{
    [Fact]
    public async Task The_payout_reserve_compensation_and_insurer_reminders_tick_daily_at_0100_0100_0130_and_0145_plus_0800()
    {
        var world = await clusters.ScheduledWorldAsync();
        var client = world.Cluster.Client;
        var table = world.Cluster.GetSiloServiceProvider(world.Cluster.Silos[0].SiloAddress).GetRequiredService<IReminderTable>();

        var payout = await table.ReadRow(client.GetGrain<IMonthlyPayoutGrain>(MonthlyPayoutGrain.Key).GetGrainId(), MonthlyPayoutGrain.ReminderName);
        var reserve = await table.ReadRow(client.GetGrain<IRiskReserveGrain>(RiskReserveGrain.Key).GetGrainId(), RiskReserveGrain.ReminderName);
        var compensation = await table.ReadRow(client.GetGrain<ISecondaryCompensationGrain>(SecondaryCompensationGrain.Key).GetGrainId(), SecondaryCompensationGrain.ReminderName);
        var insurer = await table.ReadRow(client.GetGrain<IInsurerCooperationGrain>(InsurerCooperationGrain.Key).GetGrainId(), InsurerCooperationGrain.ReminderName);

        Assert.Equal(
            [(TimeSpan.FromDays(1), new TimeSpan(1, 0, 0)), (TimeSpan.FromDays(1), new TimeSpan(1, 0, 0)), (TimeSpan.FromDays(1), new TimeSpan(1, 30, 0)), (TimeSpan.FromDays(1), new TimeSpan(1, 45, 0))],
            new[] { payout, reserve, compensation, insurer }.Select(r => (r!.Period, LocalStart(r.StartAt))));
    }

    // Orleans sets the start to its clock + the due time: the same instant to within a second.
    private static TimeSpan LocalStart(DateTime startAt) =>
        TimeSpan.FromSeconds(Math.Round(new DateTimeOffset(startAt, TimeSpan.Zero).ToOffset(TimeSpan.FromHours(8)).TimeOfDay.TotalSeconds));
}
