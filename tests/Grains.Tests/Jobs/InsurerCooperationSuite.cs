using Medisettle.Grains.Jobs;
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
/// The insurer cooperation job on the shared clusters, a year of it end to end. Pack P2 for a region of its own with the
/// seed's rule scaled down a thousandfold (per capita 1,000, risk fund 10,000, first premium 1,000, bands 3,000 / 6,000 /
/// 9,000 at 45/50/55 % and 60 % to 10 % of the premium). 120 insured persons: target 120,000, 1/12 = 10,000. Adults at a
/// county hospital of P2: 10,000 → 5,760 from the pooled fund; 7,400 → 4,200. Only this suite runs insurer periods.
/// </summary>
public abstract class InsurerCooperationSuite(SharedClusters clusters)
{
    private const string Region = "220789";

    private const string Fund = Region + ":UrbanResident:BasicPooled";

    private const string RiskAccount = Region + ":UrbanResident:InsurerRiskAccount";

    [Fact]
    public async Task A_year_runs_month_by_month_pre_settles_40_60_and_settles_by_bands_less_assessments_once()
    {
        var world = await clusters.WorldAsync();
        var hospital = await RegionAsync(world);
        var job = world.Cluster.Client.GetGrain<IInsurerCooperationGrain>(InsurerCooperationGrain.Key);
        var journal = world.Services.GetRequiredService<IJournal>();
        var agreement = new InsurerAgreement { Fund = Fund, Year = 2033, InsuredPersons = 120 };
        var p1 = await world.EnrolAsync("P1", region: Region);
        var p2 = await world.EnrolAsync("P2", region: Region);

        var recorded = await job.RecordAgreementAsync(agreement);
        await p1.SettleAsync(world.Inpatient("M1", 10_000m, institution: hospital, date: new DateOnly(2033, 1, 10)));
        await p1.SettleAsync(world.Inpatient("M2", 7_400m, institution: hospital, date: new DateOnly(2033, 2, 3)));
        var outOfOrder = await job.RunMonthAsync(new BusinessMonth(2033, 3));
        var yearTooSoon = await job.RunYearAsync(2033);
        var months = new List<InsurerCooperationRunResult>();
        for (var month = 1; month <= 12; month++)
        {
            months.Add(await job.RunMonthAsync(new BusinessMonth(2033, month)));
        }

        var again = await job.RecordAgreementAsync(agreement);
        var changed = await job.RecordAgreementAsync(agreement with { InsuredPersons = 121 });
        var late = await job.RecordAgreementAsync(agreement with { Fund = Region + ":Employee:BasicPooled" });
        Assert.Equal(InsurerRecordOutcome.Recorded, (await job.RecordAssessmentAsync(Assessment(world, "C1", InsurerAssessmentKind.Complaint))).Outcome);
        Assert.Equal(InsurerRecordOutcome.Recorded, (await job.RecordAssessmentAsync(Assessment(world, "W1", InsurerAssessmentKind.MissedWarning))).Outcome);
        var sameAssessment = await job.RecordAssessmentAsync(Assessment(world, "C1", InsurerAssessmentKind.Complaint));
        var otherAssessment = await job.RecordAssessmentAsync(Assessment(world, "C1", InsurerAssessmentKind.MissedWarning));
        await p2.SettleAsync(world.Inpatient("M3", 7_400m, institution: hospital, date: new DateOnly(2033, 12, 20))); // after December's run
        var year = await job.RunYearAsync(2033);
        var head = await journal.ReadHeadSequenceAsync();
        var yearAgain = await job.RunYearAsync(2033);
        var januaryAgain = await job.RunMonthAsync(new BusinessMonth(2033, 1));
        var headAgain = await journal.ReadHeadSequenceAsync();
        var closed = await job.RecordAssessmentAsync(Assessment(world, "C2", InsurerAssessmentKind.Complaint));
        await world.Dispatcher.DrainAsync();
        var pooled = await world.Cluster.Client.GetGrain<IFundPoolGrain>(Fund).GetSnapshotAsync();
        var risk = await world.Cluster.Client.GetGrain<IFundPoolGrain>(RiskAccount).GetSnapshotAsync();
        var audit = await world.Auditor.AuditAsync();

        Assert.Equal((InsurerRecordOutcome.Recorded, InsurerRecordOutcome.AlreadyRecorded, InsurerRecordOutcome.Conflict, InsurerRecordOutcome.Closed),
            (recorded.Outcome, again.Outcome, changed.Outcome, late.Outcome));
        Assert.Equal(("2033-02 is not run; the months of a year run in order.", "2033-12 is not run; the year is settled after its December."),
            (Assert.IsType<string>(outOfOrder.Refusal), Assert.IsType<string>(yearTooSoon.Refusal)));
        Assert.Null(outOfOrder.Run);

        // January: claims 5,760, premium 1/12 of the target (10,000), the risk fund. February: claims = premium 4,200;
        // premium − claims to date 14,200 − 9,960 = 4,240, 60 % back to the risk account: 2,544. Then nothing.
        var january = Assert.Single(months[0].Run!.Months);
        var february = Assert.Single(months[1].Run!.Months);
        Assert.Equal(Line(1, riskFund: 10_000, claims: 5_760, premium: 10_000, claimsToDate: 5_760, premiumToDate: 10_000, pre: 0, preToDate: 0), january);
        Assert.Equal(Line(2, riskFund: 0, claims: 4_200, premium: 4_200, claimsToDate: 9_960, premiumToDate: 14_200, pre: 2_544, preToDate: 2_544), february);
        Assert.All(months.Skip(2), m => Assert.Equal((0m, 0m, 0m), (Single(m).Claims.ToYuan(), Single(m).Premium.ToYuan(), Single(m).PreSettlement.ToYuan())));
        Assert.Equal(["insurer-cooperation:2033-01", "insurer-cooperation:2033-12"], new[] { months[0].Run!.Period, months[11].Run!.Period });

        // Year: the rest of the premium 105,800; claims 14,160 (4,200 of them late); result 105,840, capped at 12,000 for
        // the bands: 1,350 + 1,500 + 1,650 + 3,000 × 60 % = 6,300; less 100 (a complaint) + 12 (a missed warning) = 6,188
        // kept; the insurer holds 105,840 − 2,544 and pays the risk account 97,108.
        var settled = Assert.Single(year.Run!.Years);
        Assert.Equal(new InsurerYearLine
        {
            Fund = Fund,
            RiskAccount = RiskAccount,
            PackId = PackId,
            Year = 2033,
            InsuredPersons = 120,
            Target = Money.Yuan(120_000),
            RemainingPremium = Money.Yuan(105_800),
            TotalPremium = Money.Yuan(120_000),
            LateClaims = Money.Yuan(4_200),
            TotalClaims = Money.Yuan(14_160),
            Result = Money.Yuan(105_840),
            BandCap = Money.Yuan(12_000),
            Share = Money.Yuan(6_300),
            Complaints = 1,
            MissedWarnings = 1,
            Deductions = Money.Yuan(112),
            InsurerNet = Money.Yuan(6_188),
            PreSettled = Money.Yuan(2_544),
            FinalSettlement = Money.Yuan(97_108),
        }, settled);
        Assert.Equal((false, true, true), (year.AlreadyDone, yearAgain.AlreadyDone, januaryAgain.AlreadyDone));
        Assert.Equal(year.Run.Years, yearAgain.Run!.Years);
        Assert.Equal(head, headAgain);
        Assert.Equal((InsurerRecordOutcome.AlreadyRecorded, InsurerRecordOutcome.Conflict, InsurerRecordOutcome.Closed), (sameAssessment.Outcome, otherAssessment.Outcome, closed.Outcome));

        // The risk account: income 10,000 + 9,960 + 2,544 + 4,200 + 97,108; spending the premiums 120,000: it keeps the risk
        // fund less what the insurer kept (10,000 − 6,188).
        Assert.Equal((Money.Yuan(123_812), Money.Yuan(120_000)), (risk.Income, risk.Spending));
        Assert.Equal(Money.Yuan(14_160 + 10_000), pooled.Spending);
        Assert.True(audit.Passed, string.Join("\n", audit.Violations));
        Assert.Equal(13, audit.InsurerRunsChecked);
        var listed = await job.ListAsync(2033, 2033);
        Assert.Equal(Enumerable.Range(1, 12).Select(m => $"insurer-cooperation:2033-{m:D2}").Append("insurer-cooperation:2033"), listed.Select(r => r.Period));
    }

    [Fact]
    public async Task A_month_of_a_year_without_an_agreement_is_refused_and_a_fund_without_the_rule_cannot_agree()
    {
        var world = await clusters.WorldAsync();
        var job = world.Cluster.Client.GetGrain<IInsurerCooperationGrain>(InsurerCooperationGrain.Key);

        var month = await job.RunMonthAsync(new BusinessMonth(2039, 1));
        var noRule = await job.RecordAgreementAsync(new InsurerAgreement { Fund = "220722:UrbanResident:BasicPooled", Year = 2039, InsuredPersons = 10 });
        var noAgreement = await job.RecordAssessmentAsync(new InsurerAssessment { AssessmentId = world.Id("X"), Fund = "220722:UrbanResident:BasicPooled", Year = 2039, Kind = InsurerAssessmentKind.Complaint, Reason = "r" });

        Assert.Equal("no insurer agreement is recorded for 2039.", month.Refusal);
        Assert.Equal((InsurerRecordOutcome.NoRule, "no pack in force for 220722:UrbanResident:BasicPooled on 2039-01-31 has fundJobs.insurerCooperation."), (noRule.Outcome, noRule.Detail));
        Assert.Equal(InsurerRecordOutcome.NoRule, noAgreement.Outcome);
    }

    private const string PackId = "P2-" + Region + "-insurer";

    private static InsurerMonthLine Single(InsurerCooperationRunResult result) => Assert.Single(result.Run!.Months);

    private static InsurerMonthLine Line(int month, decimal riskFund, decimal claims, decimal premium, decimal claimsToDate, decimal premiumToDate, decimal pre, decimal preToDate) => new()
    {
        Fund = Fund,
        RiskAccount = RiskAccount,
        PackId = PackId,
        Month = new BusinessMonth(2033, month),
        Target = Money.Yuan(120_000),
        RiskFund = Money.FromYuan(riskFund),
        Claims = Money.FromYuan(claims),
        Premium = Money.FromYuan(premium),
        ClaimsToDate = Money.FromYuan(claimsToDate),
        PremiumToDate = Money.FromYuan(premiumToDate),
        PreSettlement = Money.FromYuan(pre),
        PreSettledToDate = Money.FromYuan(preToDate),
    };

    private static InsurerAssessment Assessment(SettlementWorld world, string id, InsurerAssessmentKind kind) => new()
    {
        AssessmentId = world.Id(id),
        Fund = Fund,
        Year = 2033,
        Kind = kind,
        Reason = "考评",
    };

    /// <summary>Loads and activates P2 for the region with the scaled insurer rule, and registers a county hospital there.</summary>
    private static async Task<string> RegionAsync(SettlementWorld world)
    {
        var registry = world.Cluster.Client.GetGrain<IPolicyRegistryGrain>(IPolicyRegistryGrain.Key);
        var pack = (await File.ReadAllTextAsync(Path.Combine(PolicyPackLoader.DefaultDirectory, "p2-220722-2007.json")))
            .Replace("\"P2-220722-2007\"", $"\"{PackId}\"", StringComparison.Ordinal)
            .Replace("\"220722\"", $"\"{Region}\"", StringComparison.Ordinal)
            .Replace("\"capRate\": 0.15", """
                "capRate": 0.15 }, "insurerCooperation": { "insurer": "test", "perCapitaTarget": 1000, "riskFundPerYear": 10000,
                "firstPremium": 1000, "insurerPreSettlementShare": 0.40,
                "bands": [ { "upTo": 3000, "rate": 0.45 }, { "upTo": 6000, "rate": 0.50 }, { "upTo": 9000, "rate": 0.55 }, { "rate": 0.60 } ],
                "bandCapPremiumRate": 0.10, "complaintDeductionRate": 0.10, "missedWarningDeductionRate": 0.0001
                """, StringComparison.Ordinal);
        Assert.NotNull((await registry.LoadAsync(pack, $"p2-{Region}.json")).Pack);
        Assert.NotNull((await registry.ActivateAsync(PackId)).Pack);
        var hospital = world.Id("H" + Region);
        await world.RegisterAsync(hospital, InstitutionKind.Hospital, InstitutionLevel.CountyOrHigher, region: Region);
        return hospital;
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteInsurerCooperationTests(SqliteClusters clusters) : InsurerCooperationSuite(clusters);

[Collection(PostgresCollection.Name)]
public sealed class PostgresInsurerCooperationTests(PostgresClusters clusters) : InsurerCooperationSuite(clusters);
