using Medisettle.Grains.Jobs;
using Medisettle.Grains.Policy;
using Medisettle.Grains.PolicyPacks;
using Medisettle.Grains.Tests.Settlement;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Jobs;
using Medisettle.Interfaces.Settlement;
using Medisettle.Storage.Journal;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Medisettle.Grains.Tests.Jobs;

/// <summary>
/// The year-end risk reserve (P2, S3 §4: 3 % of the year's pooled income from the surplus until the reserve is 15 % of it)
/// on the shared clusters. Each test loads pack P2 for a region of its own (so its pooled fund and reserve are its own)
/// and runs years no other test runs. Adults at a county-or-higher hospital of P2: deductible 400, 60 %:
/// 10,000 → 5,760; 7,400 → 4,200.
/// </summary>
public abstract class RiskReserveSuite(SharedClusters clusters)
{
    [Fact]
    public async Task The_reserve_takes_3_percent_of_income_from_the_surplus_until_it_is_15_percent_and_a_second_run_changes_nothing()
    {
        var world = await clusters.WorldAsync();
        var (fund, reserve, hospital) = await RegionAsync(world, "220781");
        var person = await world.EnrolAsync("P1", region: "220781");
        await person.SettleAsync(world.Inpatient("M1", 10_000m, institution: hospital, date: new DateOnly(2030, 5, 6)));
        await person.SettleAsync(world.Inpatient("M2", 10_000m, institution: hospital, date: new DateOnly(2031, 3, 2)));
        await person.SettleAsync(world.Inpatient("M3", 7_400m, institution: hospital, date: new DateOnly(2031, 9, 9)));
        var job = Job(world);
        await job.RecordIncomeAsync(Income(world, "I2030", fund, 2030, 20_000m));
        await job.RecordIncomeAsync(Income(world, "I2031", fund, 2031, 10_000m));
        await job.RecordIncomeAsync(Income(world, "I2032", fund, 2032, 4_000m));
        var journal = world.Services.GetRequiredService<IJournal>();

        var y2030 = await job.RunAsync(2030);
        var head = await journal.ReadHeadSequenceAsync();
        var again = await job.RunAsync(2030);
        var headAgain = await journal.ReadHeadSequenceAsync();
        var y2031 = await job.RunAsync(2031);
        var y2032 = await job.RunAsync(2032);
        var late = await job.RecordIncomeAsync(Income(world, "I2030b", fund, 2030, 1_000m));
        var repeated = await job.RecordIncomeAsync(Income(world, "I2030", fund, 2030, 20_000m));
        await world.Dispatcher.DrainAsync();
        var pooled = await world.Cluster.Client.GetGrain<IFundPoolGrain>(fund).GetSnapshotAsync();
        var reservePool = await world.Cluster.Client.GetGrain<IFundPoolGrain>(reserve).GetSnapshotAsync();
        var audit = await world.Auditor.AuditAsync();

        // 2030: surplus 14,240; 3 % = 600; cap 3,000 → 600. 2031: surplus 10,000 − 9,960 = 40 < 3 % (300) → 40.
        // 2032: 3 % = 120, but the cap is 15 % × 4,000 = 600 and the reserve holds 640 → 0.
        Assert.Equal(Line(fund, reserve, income: 20_000m, spending: 5_760m, before: 0m, rate: 600m, cap: 3_000m, setAside: 600m), Single(y2030.Run, fund));
        Assert.Equal(Line(fund, reserve, income: 10_000m, spending: 9_960m, before: 600m, rate: 300m, cap: 1_500m, setAside: 40m), Single(y2031.Run, fund));
        Assert.Equal(Line(fund, reserve, income: 4_000m, spending: 0m, before: 640m, rate: 120m, cap: 600m, setAside: 0m), Single(y2032.Run, fund));
        Assert.Equal(("risk-reserve:2030", false, true), (y2030.Run.Period, y2030.AlreadyDone, again.AlreadyDone));
        Assert.Equal(y2030.Run.Lines, again.Run.Lines);
        Assert.Equal(head, headAgain);
        Assert.Equal(FundIncomeOutcome.YearClosed, late.Outcome);
        Assert.Equal(FundIncomeOutcome.AlreadyRecorded, repeated.Outcome);
        Assert.Equal((Money.Yuan(34_000), Money.Yuan(15_720 + 640)), (pooled.Income, pooled.Spending));
        Assert.Equal((Money.Yuan(640), Money.Zero), (reservePool.Income, reservePool.Spending));
        Assert.True(audit.Passed, string.Join("\n", audit.Violations));
        Assert.True(audit.RiskReserveRunsChecked >= 3);
        Assert.Equal(["risk-reserve:2030", "risk-reserve:2031"], (await job.ListAsync(2029, 2031)).Select(r => r.Period));
    }

    [Theory]
    [InlineData(100_000, 5_760, 0, 3_000)]        // 3 % of income
    [InlineData(10_000, 9_960, 600, 40)]          // the surplus is less
    [InlineData(10_000, 10_000, 0, 0)]            // no surplus
    [InlineData(10_000, 12_000, 0, 0)]            // deficit: nothing
    [InlineData(100_000, 0, 14_000, 1_000)]       // what the reserve lacks to 15 %
    [InlineData(100_000, 0, 15_000, 0)]           // full
    [InlineData(100_000, 0, 16_000, 0)]           // above the cap (a smaller year): nothing, never negative
    [InlineData(0.33, 0, 0, 0.01)]                // 3 % of 0.33 = 0.0099 → 0.01 (half away from zero)
    public void A_line_is_the_least_of_the_rate_the_surplus_and_what_the_reserve_lacks(decimal income, decimal spending, decimal before, decimal setAside)
    {
        var line = RiskReserve.Line("220722:UrbanResident:BasicPooled", "P2", new RiskReserveRule { IncomeRate = 0.03m, CapRate = 0.15m },
            Money.FromYuan(income), Money.FromYuan(spending), Money.FromYuan(before));

        Assert.Equal(Money.FromYuan(setAside), line.SetAside);
        Assert.Equal("220722:UrbanResident:RiskReserve", line.ReserveFund);
    }

    /// <summary>
    /// Loads and activates pack P2 for <paramref name="region"/> (with the 孝昌 二次补偿 rule when
    /// <paramref name="compensation"/>) and registers this test's county hospital there.
    /// </summary>
    internal static async Task<(string Fund, string Reserve, string Hospital)> RegionAsync(SettlementWorld world, string region, bool compensation = false)
    {
        var registry = world.Cluster.Client.GetGrain<IPolicyRegistryGrain>(IPolicyRegistryGrain.Key);
        var packId = compensation ? $"P2-{region}-comp" : $"P2-{region}-reserve";
        var pack = (await File.ReadAllTextAsync(Path.Combine(PolicyPackLoader.DefaultDirectory, "p2-220722-2007.json")))
            .Replace("\"P2-220722-2007\"", $"\"{packId}\"", StringComparison.Ordinal)
            .Replace("\"220722\"", $"\"{region}\"", StringComparison.Ordinal);
        if (compensation)
        {
            pack = pack.Replace("\"capRate\": 0.15", "\"capRate\": 0.15 }, \"secondaryCompensation\": { \"retainedRate\": 0.10, \"selfPayFrom\": 3000, \"selfPayTo\": 13000, \"rate\": 0.30", StringComparison.Ordinal);
        }

        Assert.NotNull((await registry.LoadAsync(pack, $"p2-{region}.json")).Pack);
        Assert.NotNull((await registry.ActivateAsync(packId)).Pack);
        var hospital = world.Id($"H{region}");
        await world.RegisterAsync(hospital, InstitutionKind.Hospital, InstitutionLevel.CountyOrHigher, region: region);
        return ($"{region}:UrbanResident:BasicPooled", $"{region}:UrbanResident:RiskReserve", hospital);
    }

    internal static IRiskReserveGrain Job(SettlementWorld world) => world.Cluster.Client.GetGrain<IRiskReserveGrain>(RiskReserveGrain.Key);

    internal static FundIncome Income(SettlementWorld world, string id, string fund, int year, decimal yuan) => new()
    {
        IncomeId = id + world.Prefix,
        Fund = fund,
        Year = year,
        Amount = Money.FromYuan(yuan),
        Reason = "premiums and subsidies",
    };

    private static RiskReserveLine Single(RiskReserveRun run, string fund) => Assert.Single(run.Lines, l => l.Fund == fund);

    private static RiskReserveLine Line(string fund, string reserve, decimal income, decimal spending, decimal before, decimal rate, decimal cap, decimal setAside) => new()
    {
        Fund = fund,
        ReserveFund = reserve,
        PackId = $"P2-{fund[..6]}-reserve",
        Income = Money.FromYuan(income),
        Spending = Money.FromYuan(spending),
        Surplus = Money.FromYuan(income - spending),
        ReserveBefore = Money.FromYuan(before),
        RateAmount = Money.FromYuan(rate),
        CapAmount = Money.FromYuan(cap),
        SetAside = Money.FromYuan(setAside),
    };
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteRiskReserveTests(SqliteClusters clusters) : RiskReserveSuite(clusters);

[Collection(PostgresCollection.Name)]
public sealed class PostgresRiskReserveTests(PostgresClusters clusters) : RiskReserveSuite(clusters);
