using Medisettle.Grains.Ledger;
using Medisettle.Grains.Tests.Settlement;
using Medisettle.Interfaces.Ledger;
using Medisettle.Interfaces.Settlement;
using Medisettle.Storage.Journal;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Medisettle.Grains.Tests.Ledger;

/// <summary>
/// 3202 reconciliation reads an institution's receivable postings of a range of settlement dates from the part of its
/// posting stream where the institution grain says they lie, and finds exactly what a read of the whole stream finds:
/// a cancel's reversal days later included, a date no longer kept read from the whole stream.
/// </summary>
public sealed class ReconciliationReadTests
{
    private static readonly DateOnly D1 = SettlementWorld.Day;
    private static readonly DateOnly D2 = D1.AddDays(1);
    private static readonly DateOnly D3 = D1.AddDays(2);
    private static readonly DateOnly D4 = D1.AddDays(3);

    [Fact]
    public async Task A_range_of_dates_is_read_from_its_part_of_the_journal_and_finds_what_the_whole_journal_has()
    {
        await using var cluster = await SettlementCluster.StartAsync(configure: o => o.ReceivableDaysMax = 3);
        var world = await cluster.NewWorldAsync();
        var person = await world.EnrolAsync("P1");
        var other = await world.EnrolAsync("P2");
        var first = await person.SettleAsync(world.Inpatient("M1", 3_000m, visitId: "V1", date: D1));
        await other.SettleAsync(world.Inpatient("M2", 2_000m, visitId: "V2", date: D1));
        await person.SettleAsync(world.Inpatient("M3", 1_000m, visitId: "V3", date: D2));
        await other.SettleAsync(world.Inpatient("M4", 4_000m, visitId: "V4", date: D3));
        var cancelled = await person.CancelAsync(new CancelCommand { MessageId = "C1", InstitutionCode = world.HospitalCode, SettlementId = first.SettlementId! });
        Assert.Equal(SettlementStatus.Cancelled, cancelled.Status);
        await world.Dispatcher.DrainAsync();

        var stream = await WholeHistoryAsync(world);
        var institution = world.Institution(world.HospitalCode);
        var queries = world.Services.GetRequiredService<LedgerQueries>();

        // D1: both settlements and the reversal written after D3's settlement.
        var d1 = await institution.FindReceivablesAsync(D1, D1);
        Assert.Equal(new ReceivableSpan(Sequences(stream, D1).Min() - 1, Sequences(stream, D1).Max()), d1);
        Assert.Equal(3, Sequences(stream, D1).Count);
        Assert.True(Sequences(stream, D1).Max() > Sequences(stream, D3).Single()); // the reversal came after D3's settlement
        // D2 starts after every D1 settlement: the read skips them.
        var d2 = await institution.FindReceivablesAsync(D2, D2);
        Assert.Equal(new ReceivableSpan(Sequences(stream, D2).Single() - 1, Sequences(stream, D2).Single()), d2);
        Assert.True((await institution.FindReceivablesAsync(D4, D4))!.IsEmpty);

        foreach (var (from, to) in new[] { (D1, D1), (D2, D2), (D2, D3), (D1, D4), (D4, D4) })
        {
            Assert.Equal(Expected(stream, from, to), await queries.ReadReceivablesAsync(world.HospitalCode, from, to, 100, CancellationToken.None));
        }

        // A fourth date: D1, the oldest, is dropped and no longer known; its range is read from the whole stream.
        await other.SettleAsync(world.Inpatient("M5", 500m, visitId: "V5", date: D4));
        await world.Dispatcher.DrainAsync();
        stream = await WholeHistoryAsync(world);
        Assert.Null(await institution.FindReceivablesAsync(D1, D1));
        Assert.NotNull(await institution.FindReceivablesAsync(D2, D4));
        foreach (var (from, to) in new[] { (D1, D1), (D1, D4), (D4, D4), (D2, D4) })
        {
            Assert.Equal(Expected(stream, from, to), await queries.ReadReceivablesAsync(world.HospitalCode, from, to, 100, CancellationToken.None));
        }

        Assert.Equal(2, (await queries.ReadReceivablesAsync(world.HospitalCode, D1, D4, 2, CancellationToken.None)).Count);
    }

    /// <summary>
    /// Every receivable posting of the hospital with its sequence, from the whole journal's postings in order
    /// (<see cref="PostingFeed"/>, what the dispatcher reads): not through the stream or the index the read uses.
    /// </summary>
    private static async Task<List<(long Sequence, Posting Posting)>> WholeHistoryAsync(SettlementWorld world)
    {
        var journal = world.Services.GetRequiredService<IJournal>();
        var account = LedgerNames.InstitutionAccount(world.HospitalCode);
        var found = new List<(long, Posting)>();
        for (var after = 0L; await PostingFeed.ReadAsync(journal, after, 1_000) is { Entries: > 0 } page; after = page.ReadThrough)
        {
            found.AddRange(page.Postings
                .Where(p => p.Account == account && p.Posting.Posting.Kind is PostingKind.Settlement or PostingKind.Reversal)
                .Select(p => (p.Posting.Sequence, p.Posting.Posting)));
        }

        return found;
    }

    private static List<long> Sequences(List<(long Sequence, Posting Posting)> stream, DateOnly date) =>
        [.. stream.Where(p => p.Posting.SettlementDate == date).Select(p => p.Sequence)];

    private static List<Posting> Expected(List<(long Sequence, Posting Posting)> stream, DateOnly from, DateOnly to) =>
        [.. stream.Where(p => p.Posting.SettlementDate >= from && p.Posting.SettlementDate <= to).Select(p => p.Posting)];
}
