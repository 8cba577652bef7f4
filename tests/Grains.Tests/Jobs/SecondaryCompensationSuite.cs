using Medisettle.Grains.Jobs;
using Medisettle.Grains.Tests.Settlement;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Grains;
using Medisettle.Storage.Journal;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Medisettle.Grains.Tests.Jobs;

/// <summary>
/// 二次补偿 (S4 §4) with the 孝昌 band: the part of the year's in-policy self-pay after reimbursement between 3,000 and
/// 13,000, at 30 % (the reference assumption), from the surplus above 10 % of the year's income, after the risk reserve.
/// Each test loads pack P2 with that rule for a region of its own. Adults at a county hospital of P2 (deductible 400,
/// 60 %): 10,000 → self-pay 4,240 → 372; 20,000 + 10,000 → 8,240 + 4,240 = 12,480 → 2,844; 40,000 → 16,240 → capped at
/// 13,000 → 3,000; 4,000 → 1,840 → nothing. Spending 49,200.
/// </summary>
public abstract class SecondaryCompensationSuite(SharedClusters clusters)
{
    [Fact]
    public async Task Inpatients_above_3000_are_compensated_on_the_band_at_30_percent_once_after_the_reserve()
    {
        var world = await clusters.WorldAsync();
        var (fund, persons) = await YearAsync(world, "220784", 2040, income: 100_000m);
        var compensation = Job(world);

        var early = await compensation.RunAsync(2040);
        await RiskReserveSuite.Job(world).RunAsync(2040);
        var run = await compensation.RunAsync(2040);
        await world.Dispatcher.DrainAsync(); // the institutions index the receivables they apply: an entry of their own
        var head = await world.Services.GetRequiredService<IJournal>().ReadHeadSequenceAsync();
        var again = await compensation.RunAsync(2040);
        await world.Dispatcher.DrainAsync();
        var pooled = await world.Cluster.Client.GetGrain<IFundPoolGrain>(fund).GetSnapshotAsync();
        var audit = await world.Auditor.AuditAsync();

        Assert.Null(early.Run);
        Assert.Equal("The risk reserve of 2040 is not done; pack P2-220784-comp sets one aside for 220784:UrbanResident:BasicPooled first.", early.Refusal);
        // Available: 100,000 − 49,200 − reserve 3,000 − retained 10,000 = 37,800 ≥ 6,216: everyone in full.
        var line = Assert.Single(run.Run!.Funds, f => f.Fund == fund);
        Assert.Equal((Y(100_000), Y(52_200), Y(10_000), Y(37_800), Y(6_216), Y(6_216), 3), (line.Income, line.Spending, line.Retained, line.Available, line.Entitled, line.Paid, line.Persons));
        Assert.Equal(
            [(persons[0], Y(4_240), Y(372), Y(372)), (persons[1], Y(12_480), Y(2_844), Y(2_844)), (persons[2], Y(16_240), Y(3_000), Y(3_000))],
            run.Run.Persons.Where(p => p.Fund == fund).Select(p => (p.PersonId, p.SelfPay, p.Entitlement, p.Paid)));
        Assert.True(again.AlreadyDone);
        Assert.Equal(run.Run.Persons, again.Run!.Persons);
        Assert.Equal(head, await world.Services.GetRequiredService<IJournal>().ReadHeadSequenceAsync());
        Assert.Equal(Y(49_200 + 3_000 + 6_216), pooled.Spending);
        Assert.True(audit.Passed, string.Join("\n", audit.Violations));
        Assert.True(audit.CompensationRunsChecked >= 1);
    }

    [Fact]
    public async Task When_the_surplus_is_short_everyone_is_scaled_down_pro_rata_to_the_fen()
    {
        var world = await clusters.WorldAsync();
        var (fund, persons) = await YearAsync(world, "220785", 2041, income: 62_000m);
        await RiskReserveSuite.Job(world).RunAsync(2041);

        var run = await Job(world).RunAsync(2041);
        await world.Dispatcher.DrainAsync();
        var audit = await world.Auditor.AuditAsync();

        // Available: 62,000 − 49,200 − reserve 1,860 − retained 6,200 = 4,740 < 6,216. Shares of 4,740.00 in fen: 28,366.7,
        // 216,868.7, 228,764.5 → floors 28,366, 216,868, 228,764 and the 2 fen left to the largest remainders.
        var line = Assert.Single(run.Run!.Funds, f => f.Fund == fund);
        Assert.Equal((Y(4_740), Y(6_216), Y(4_740)), (line.Available, line.Entitled, line.Paid));
        Assert.Equal(
            [(persons[0], new Money(28_367)), (persons[1], new Money(216_869)), (persons[2], new Money(228_764))],
            run.Run.Persons.Where(p => p.Fund == fund).Select(p => (p.PersonId, p.Paid)));
        Assert.True(audit.Passed, string.Join("\n", audit.Violations));
    }

    /// <summary>Pack P2 with the 孝昌 二次补偿 rule for <paramref name="region"/>, four inpatients of <paramref name="year"/> and the year's income.</summary>
    private static async Task<(string Fund, string[] Persons)> YearAsync(SettlementWorld world, string region, int year, decimal income)
    {
        var (fund, _, hospital) = await RiskReserveSuite.RegionAsync(world, region, compensation: true);
        var day = new DateOnly(year, 6, 1);
        var (a, b, c, d) = (await world.EnrolAsync("A", region: region), await world.EnrolAsync("B", region: region), await world.EnrolAsync("C", region: region), await world.EnrolAsync("D", region: region));
        await a.SettleAsync(world.Inpatient("M1", 10_000m, institution: hospital, date: day));
        await b.SettleAsync(world.Inpatient("M2", 20_000m, institution: hospital, date: day));
        await b.SettleAsync(world.Inpatient("M3", 10_000m, institution: hospital, date: day.AddDays(20)));
        await c.SettleAsync(world.Inpatient("M4", 40_000m, institution: hospital, date: day));
        await d.SettleAsync(world.Inpatient("M5", 4_000m, institution: hospital, date: day));
        await RiskReserveSuite.Job(world).RecordIncomeAsync(RiskReserveSuite.Income(world, $"I{year}", fund, year, income));
        return (fund, [world.Id("A"), world.Id("B"), world.Id("C")]);
    }

    private static ISecondaryCompensationGrain Job(SettlementWorld world) => world.Cluster.Client.GetGrain<ISecondaryCompensationGrain>(SecondaryCompensationGrain.Key);

    private static Money Y(decimal yuan) => Money.FromYuan(yuan);
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteSecondaryCompensationTests(SqliteClusters clusters) : SecondaryCompensationSuite(clusters);

[Collection(PostgresCollection.Name)]
public sealed class PostgresSecondaryCompensationTests(PostgresClusters clusters) : SecondaryCompensationSuite(clusters);
