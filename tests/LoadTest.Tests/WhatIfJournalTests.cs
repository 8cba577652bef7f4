using Medisettle.Grains.Ledger;
using Medisettle.Grains.PolicyPacks;
using Medisettle.Grains.WhatIf;
using Medisettle.Interfaces;
using Medisettle.LoadTest.Cli;
using Xunit;

namespace Medisettle.LoadTest.Tests;

/// <summary>
/// <c>whatif</c> on a real journal (<see cref="WhatIfJournalMaker"/>: figures by hand there), the same for the SQLite file
/// (<c>--db</c>) and the PostgreSQL database (<c>--pg</c>).
/// </summary>
public abstract class WhatIfJournalTests(WhatIfJournalFixture journal)
{
    private static readonly string PackInForce = Path.Combine(PolicyPackLoader.DefaultDirectory, WhatIfJournalMaker.EmployeePackFile);

    protected WhatIfJournalFixture Journal => journal;

    [Fact]
    public async Task The_packs_in_force_as_candidate_reproduce_every_settlement_and_change_nothing()
    {
        var run = await RunAsync(PackInForce);

        Assert.Equal(0, run.Code);
        Assert.Equal("", run.Error);
        var r = run.Result;
        Assert.Equal(0, r.Mismatches);
        Assert.Equal(0, r.NotReplayable);
        Assert.Equal(0, r.RefusedByCandidate);
        Assert.Equal(5, r.RecordsRead); // four settlements and a cancel
        Assert.Equal(4, r.ReplayedBefore);
        Assert.Equal(2, r.SettlementsInPeriod);
        Assert.Equal(1, r.CancelledInPeriod);
        Assert.Equal(2, r.PersonsInPeriod);
        AssertTotals(r.Before, total: 13_000, funds: 10_400, cash: 2_600);
        AssertTotals(r.After, total: 13_000, funds: 10_400, cash: 2_600);
        AssertTotals(r.Delta, total: 0, funds: 0, cash: 0, settlements: 0);
        Assert.Empty(r.LargestChanges);
    }

    [Fact]
    public async Task A_candidate_ratio_of_90_percent_pays_exactly_the_hand_computed_1300_yuan_more_and_writes_the_report()
    {
        var candidate = Path.Combine(journal.Directory, $"candidate-{Guid.NewGuid():N}.json");
        await WhatIfJournalMaker.WriteCandidateAsync(candidate);

        var run = await RunAsync(candidate);

        Assert.Equal(0, run.Code);
        Assert.Equal("", run.Error);
        var r = run.Result;
        Assert.Equal(0, r.Mismatches);
        Assert.Equal("P0-990001-employee", r.CandidatePackId);
        AssertTotals(r.Before, total: 13_000, funds: 10_400, cash: 2_600);
        AssertTotals(r.After, total: 13_000, funds: 11_700, cash: 1_300);
        AssertTotals(r.Delta, total: 0, funds: 1_300, cash: -1_300, settlements: 0);
        var group = Assert.Single(r.Groups);
        Assert.Equal(Money.Yuan(1_300), group.Delta.FundPaySum);
        Assert.Equal([(8_000L, 9_000L), (2_400L, 2_700L)], r.LargestChanges.Select(c => (c.FundPaidBefore.Fen / 100, c.FundPaidAfter.Fen / 100)));
        Assert.Equal(0, r.PersonsAtCapBefore);
        Assert.Equal(0, r.PersonsAtCapAfter);
        Assert.Contains("| 基金合计 funds total | 10400.00 | 11700.00 | 1300.00 |", await File.ReadAllTextAsync(Path.Combine(run.Out, "whatif.md")), StringComparison.Ordinal);
        Assert.StartsWith("<svg ", await File.ReadAllTextAsync(Path.Combine(run.Out, "whatif.svg")), StringComparison.Ordinal);
        Assert.Contains("2 settlements, funds 10400.00 → 11700.00 yuan (1300.00)", run.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_live_database_is_unchanged_by_a_replay()
    {
        var candidate = Path.Combine(journal.Directory, $"candidate-{Guid.NewGuid():N}.json");
        await WhatIfJournalMaker.WriteCandidateAsync(candidate);

        Assert.Equal(0, (await RunAsync(candidate)).Code);
        Assert.Equal(0, (await RunAsync(PackInForce)).Code);

        var after = await journal.ReadLiveStateAsync();
        Assert.Contains("; 2 persons ", journal.LiveStateAfterMaking, StringComparison.Ordinal);
        Assert.Equal(journal.LiveStateAfterMaking, after);
    }

    protected async Task<(int Code, string Log, string Error, string Out, WhatIfResult Result)> RunAsync(string candidate)
    {
        var outDirectory = Path.Combine(journal.Directory, $"out-{Guid.NewGuid():N}");
        var log = new StringWriter();
        var error = new StringWriter();
        var code = await WhatIfCommand.RunAsync(journal.Db, journal.Pg, "2026-03-01", "2026-03-31", candidate, PolicyPackLoader.DefaultDirectory, outDirectory, 20, log, error, CancellationToken.None);
        var json = Path.Combine(outDirectory, "whatif.json");
        Assert.True(File.Exists(json), $"no whatif.json (exit {code}): {error}");
        return (code, log.ToString(), error.ToString(), outDirectory, LedgerJson.Deserialize<WhatIfResult>(await File.ReadAllTextAsync(json)));
    }

    private static void AssertTotals(PaymentTotals totals, long total, long funds, long cash, long settlements = 2)
    {
        Assert.Equal(settlements, totals.Settlements);
        Assert.Equal(Money.Yuan(total), totals.Total);
        Assert.Equal(Money.Yuan(funds), totals.BasicPooled);
        Assert.Equal(Money.Yuan(funds), totals.FundPaySum);
        Assert.Equal(Money.Zero, totals.LargeAmount);
        Assert.Equal(Money.Zero, totals.CriticalIllness);
        Assert.Equal(Money.Zero, totals.MedicalAssistance);
        Assert.Equal(Money.Zero, totals.AccountPaid);
        Assert.Equal(Money.Yuan(cash), totals.CashPaid);
    }
}
