using Medisettle.Grains.Ledger;
using Medisettle.Grains.Tests.Settlement;
using Medisettle.Interfaces.Settlement;
using Medisettle.Storage.Journal;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Medisettle.Grains.Tests.Ledger;

/// <summary>
/// The institution indexes the receivables the dispatcher delivers to it (<see cref="ReceivableIndex"/>): one entry per
/// delivery, naming each record under its settlement date. The records name no second stream, and the index entries,
/// written after the records, do not hold the dispatcher's position back. A cluster of this test alone.
/// </summary>
public sealed class ReceivableIndexDeliveryTests
{
    private static readonly DateOnly D1 = new(2025, 6, 2);

    [Fact]
    public async Task A_delivery_indexes_each_record_under_its_date_and_the_dispatcher_catches_up_past_the_index()
    {
        await using var cluster = await SettlementCluster.StartAsync();
        var world = await cluster.NewWorldAsync();
        var person = await world.EnrolAsync("P1");
        var other = await world.EnrolAsync("P2");
        var first = await person.SettleAsync(world.Inpatient("M1", 3_000m, visitId: "V1", date: D1));
        var second = await other.SettleAsync(world.Inpatient("M2", 2_000m, visitId: "V2", date: D1.AddDays(1)));
        Assert.All([first, second], o => Assert.Equal(SettlementStatus.Settled, o.Status));
        var journal = world.Services.GetRequiredService<IJournal>();
        Assert.Empty(await journal.ReadAsync(ReceivableIndex.Stream(world.HospitalCode), 0, 10)); // indexed when applied, not when settled

        await world.Dispatcher.DrainAsync();

        var index = await journal.ReadAsync(ReceivableIndex.Stream(world.HospitalCode), 0, 10);
        var days = index.SelectMany(e => LedgerJson.Deserialize<ReceivableIndexEntry>(e).Days).ToList();
        Assert.Equal(
            [(D1, await SequenceAsync(journal, first)), (D1.AddDays(1), await SequenceAsync(journal, second))],
            days.SelectMany(d => d.Sequences().Select(s => (d.Date, s))).OrderBy(p => p.s));
        Assert.All(index, e => Assert.True(e.Sequence > days.SelectMany(d => d.Sequences()).Max())); // written after the records
        Assert.Equal(0, await CountAsync(world, "SELECT count(*) FROM journal WHERE also_stream IS NOT NULL"));
        var lag = await world.Dispatcher.GetLagAsync();
        Assert.Equal(lag.Head, lag.Position); // past the index entries, which carry no posting
        Assert.Equal(index[^1].Sequence, lag.Head);

        // The feed: a full page stops at its last entry; one that is not full reaches the head, past the index entries.
        var full = await PostingFeed.ReadAsync(journal, 0, 1);
        var all = await PostingFeed.ReadAsync(journal, 0, 10_000);
        Assert.Equal((1, await SequenceAsync(journal, first)), (full.Entries, full.ReadThrough));
        Assert.Equal((2, lag.Head), (all.Entries, all.ReadThrough));
        Assert.Equal(0, (await PostingFeed.ReadAsync(journal, all.ReadThrough, 10)).Entries);
    }

    private static async Task<long> SequenceAsync(IJournal journal, SettlementOutcome outcome) =>
        (await journal.FindAsync(LedgerNames.SettlementEntry(outcome.SettlementId!)))!.Sequence;

    private static async Task<long> CountAsync(SettlementWorld world, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={world.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
