using Medisettle.Grains.Ledger;
using Medisettle.Storage.Journal;
using Xunit;

namespace Medisettle.Grains.Tests.Ledger;

/// <summary>An institution's receivable index entry: its stream and id, and the sequences it names by date.</summary>
public sealed class ReceivableIndexTests
{
    private static readonly DateOnly Monday = new(2026, 3, 2);

    [Fact]
    public void A_delivery_is_one_entry_in_the_institution_s_stream_named_by_its_last_sequence_with_each_date_s_sequences()
    {
        var appends = ReceivableIndex.Appends("H1", [(1_000_000, Monday), (1_000_007, Monday), (1_000_009, Monday.AddDays(-1)), (1_000_120, Monday)]);

        var append = Assert.Single(appends);
        Assert.Equal(("rcv:H1", "rcv:H1:1000120"), (append.Stream, append.EntryId));
        var entry = LedgerJson.Deserialize<ReceivableIndexEntry>(new JournalEntry(1, append.Stream, append.EntryId, append.Utf8Payload, DateTimeOffset.UnixEpoch));
        Assert.Equal([(Monday, new long[] { 1_000_000, 1_000_007, 1_000_120 }), (Monday.AddDays(-1), new long[] { 1_000_009 })],
            entry.Days.Select(d => (d.Date, d.Sequences().ToArray())));
        Assert.Equal([1_000_000, 7, 113], entry.Days[0].SequenceDeltas); // stored as distances, a few digits each
        Assert.Equal(1_000_000, entry.FirstSequence);
    }

    [Fact]
    public void No_receivable_is_no_entry()
    {
        Assert.Empty(ReceivableIndex.Appends("H1", []));
    }
}
