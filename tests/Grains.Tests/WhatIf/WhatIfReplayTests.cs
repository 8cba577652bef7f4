using Medisettle.Grains.Tests.Policy;
using Medisettle.Grains.WhatIf;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Settlement;
using Xunit;
using static Medisettle.Grains.Tests.Policy.Scenario;

namespace Medisettle.Grains.Tests.WhatIf;

/// <summary>What-if replay on journal records made as the person grain makes them (P0 adult residents: tier 3, deductible 400, 60 %, cap 40,000).</summary>
public sealed class WhatIfReplayTests
{
    private const string ResidentPack = "p0-990001-resident.json";
    private static readonly DateOnly From = new(2026, 2, 1);
    private static readonly DateOnly To = new(2026, 3, 31);

    [Fact]
    public void Replay_under_the_pack_in_force_reproduces_every_recorded_figure()
    {
        var recorder = new Recorder();
        var a = Recorder.Adult("990001A0000001");
        recorder.Inpatient(a, new DateOnly(2026, 1, 10), 30_000m);
        recorder.Inpatient(a, new DateOnly(2026, 2, 10), 30_000m);
        recorder.Inpatient(a, new DateOnly(2026, 3, 10), 30_000m);
        var b = Recorder.Adult("990001B0000002");
        var cancelled = recorder.Inpatient(b, new DateOnly(2026, 2, 11), 5_000m);
        recorder.Cancel(cancelled);
        recorder.Inpatient(b, new DateOnly(2026, 2, 12), 6_000m);
        var employee = Employee("990001") with { PersonId = "990001E0000003" };
        recorder.Settle(employee, Pharmacy("990001"), Scenario.Visit(VisitType.Pharmacy, new DateOnly(2026, 2, 3), Line(86.5m, kind: ItemKind.ApprovedDrug)) with { VisitId = "VE" }, 100m);
        recorder.Inpatient(b, new DateOnly(2026, 4, 2), 1_000m);

        var result = recorder.Replay(Recorder.InForcePack("P0-990001-resident"), From, To);

        Assert.Equal(0, result.Mismatches);
        Assert.Empty(result.MismatchSamples);
        Assert.Equal(7, result.ReplayedBefore);
        Assert.Equal(4, result.SettlementsInPeriod); // a's 2, b's second, the employee's
        Assert.Equal(1, result.CancelledInPeriod);
        Assert.Equal(0, result.NotReplayable);
        Assert.Equal(0, result.RefusedByCandidate);
        var inPeriod = recorder.Records.OfType<Medisettle.Interfaces.Ledger.SettlementRecord>()
            .Where(r => r.Breakdown.SettlementDate >= From && r.Breakdown.SettlementDate <= To && r != cancelled).ToList();
        Assert.Equal(new Money(inPeriod.Sum(r => r.Breakdown.FundPaySum.Fen)), result.Before.FundPaySum);
        Assert.Equal(new Money(inPeriod.Sum(r => r.Breakdown.AccountPaid.Fen)), result.Before.AccountPaid);
        Assert.Equal(new Money(inPeriod.Sum(r => r.Breakdown.CashPaid.Fen)), result.Before.CashPaid);
        Assert.Equal(Y(8_650m / 100m), result.Before.AccountPaid);
        Assert.Equal(result.Before.FundPaySum, result.After.FundPaySum);
        Assert.Equal(Money.Zero, result.Delta.FundPaySum);
        Assert.Equal(Money.Zero, result.Delta.CashPaid);
        Assert.Empty(result.LargestChanges);
        Assert.Equal(["Employee/Employed", "UrbanResident/AdultResident"], result.Groups.Select(g => g.Group));
    }

    [Fact]
    public void Lower_annual_cap_changes_the_totals_by_the_computed_amount_and_counts_persons_at_the_cap()
    {
        var recorder = new Recorder();
        // A: 3 stays of 30,000 in the period: basic 17,760 + 17,760 + 4,480 = 40,000 (at the cap in both runs).
        var a = Recorder.Adult("990001A0000001");
        recorder.Inpatient(a, new DateOnly(2026, 2, 1), 30_000m);
        recorder.Inpatient(a, new DateOnly(2026, 2, 15), 30_000m);
        recorder.Inpatient(a, new DateOnly(2026, 3, 1), 30_000m);
        // B: one stay before the period (the start state) and one in it: 17,760 + 17,760 recorded, under the cap.
        var b = Recorder.Adult("990001B0000002");
        recorder.Inpatient(b, new DateOnly(2026, 1, 10), 30_000m);
        recorder.Inpatient(b, new DateOnly(2026, 2, 20), 30_000m);
        // C: small, untouched by the cap.
        var c = Recorder.Adult("990001C0000003");
        recorder.Inpatient(c, new DateOnly(2026, 3, 5), 1_400m);

        var result = recorder.Replay(Recorder.Variant(ResidentPack, "\"annualCap\": 40000", "\"annualCap\": 20000"), From, To);

        Assert.Equal(0, result.Mismatches);
        // Recorded basic in the period: A 40,000; B 17,760; C (1,400 − 400) × 60 % = 600.
        Assert.Equal(Y(58_360m), result.Before.BasicPooled);
        // Candidate (cap 20,000): A 17,760 + 2,240 + 0; B 2,240 (17,760 already paid in January); C 600.
        Assert.Equal(Y(22_840m), result.After.BasicPooled);
        Assert.Equal(Y(-35_520m), result.Delta.BasicPooled);
        // 大病 (T 30,000, 50 % up to 50,000 over it) on the base in-scope − basic, cumulative over the year:
        // recorded A 12,240 + 12,240 + 25,520 = 50,000 → 10,000; B 24,480 → 0; C 0.
        Assert.Equal(Y(10_000m), result.Before.CriticalIllness);
        // candidate A 12,240 + 27,760 + 30,000 = 70,000 → 20,000; B 12,240 + 27,760 = 40,000 → 5,000.
        Assert.Equal(Y(25_000m), result.After.CriticalIllness);
        Assert.Equal(Y(-35_520m + 15_000m), result.Delta.FundPaySum);
        Assert.Equal(Y(35_520m - 15_000m), result.Delta.CashPaid);
        Assert.Equal(Money.Zero, result.Delta.Total);
        Assert.Equal(3, result.PersonsInPeriod);
        Assert.Equal(1, result.PersonsAtCapBefore);
        Assert.Equal(2, result.PersonsAtCapAfter);
        var group = Assert.Single(result.Groups);
        Assert.Equal((1L, 2L, 3L), (group.PersonsAtCapBefore, group.PersonsAtCapAfter, group.Persons));
        Assert.Equal(["990001****0002", "990001****0001"], result.LargestChanges.Select(p => p.Person));
        Assert.Equal(Y(-10_520m), result.LargestChanges[0].Change); // B: −15,520 basic + 5,000 大病
        Assert.Equal(Y(-10_000m), result.LargestChanges[1].Change); // A: −20,000 basic + 10,000 大病
    }

    [Fact]
    public void Higher_ratio_changes_the_basic_fund_by_the_computed_amount()
    {
        var recorder = new Recorder();
        recorder.Inpatient(Recorder.Adult("990001A0000001"), new DateOnly(2026, 2, 10), 10_000m);
        recorder.Inpatient(Recorder.Adult("990001B0000002"), new DateOnly(2026, 3, 10), 2_400m);

        var result = recorder.Replay(Recorder.Variant(ResidentPack, "\"transfer\": false,\n        \"rate\": 0.6", "\"transfer\": false,\n        \"rate\": 0.7"), From, To);

        // (10,000 − 400) × 60 % = 5,760 → × 70 % = 6,720; (2,400 − 400): 1,200 → 1,400.
        Assert.Equal(Y(6_960m), result.Before.BasicPooled);
        Assert.Equal(Y(8_120m), result.After.BasicPooled);
        Assert.Equal(Y(1_160m), result.Delta.FundPaySum);
        Assert.Equal(Y(-1_160m), result.Delta.CashPaid);
        Assert.Equal(0, result.PersonsAtCapAfter);
    }

    [Fact]
    public void Records_without_their_input_rebuild_the_state_but_are_not_replayed()
    {
        var recorder = new Recorder();
        var a = Recorder.Adult("990001A0000001");
        recorder.Inpatient(a, new DateOnly(2026, 1, 10), 30_000m);
        recorder.Inpatient(a, new DateOnly(2026, 2, 10), 30_000m);
        recorder.Inpatient(a, new DateOnly(2026, 2, 20), 1_000m);
        for (var i = 0; i < 2; i++)
        {
            var old = (Medisettle.Interfaces.Ledger.SettlementRecord)recorder.Records[i];
            recorder.Records[i] = old with { Input = null };
        }

        var result = recorder.Replay(Recorder.Variant(ResidentPack, "\"annualCap\": 40000", "\"annualCap\": 20000"), From, To);

        Assert.Equal(1, result.NotReplayable);
        Assert.Equal(1, result.SettlementsInPeriod);
        Assert.Equal(0, result.Mismatches);
        // January's 17,760 and February's recorded 17,760 are in the state: under cap 20,000 nothing is left for the third.
        Assert.Equal(Y(360m), result.Before.BasicPooled); // (1,000 − 400) × 60 %
        Assert.Equal(Money.Zero, result.After.BasicPooled);
    }

    [Fact]
    public void Bad_dates_are_refused_naming_the_options()
    {
        var error = Assert.Throws<ArgumentException>(() => new WhatIfReplay(Catalog, Recorder.InForcePack("P0-990001-resident"), new() { From = To, To = From }));
        Assert.Equal("--to 2026-02-01 is before --from 2026-03-31.", error.Message);
    }
}
