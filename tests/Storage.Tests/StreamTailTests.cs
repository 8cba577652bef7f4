using Medisettle.Storage.Dialects;

namespace Medisettle.Storage.Tests;

public sealed class StreamTailTests
{
    [Fact]
    public void Entries_are_found_by_stream_and_after_a_sequence()
    {
        var tail = new StreamTail();

        tail.Add([("a", 1), ("b", 2), ("a", 3), ("c", 5), ("a", 6)], 6);

        Assert.Equal((6L, 5), (tail.Known, tail.Count));
        Assert.Equal(6, tail.Last("a"));
        Assert.Equal(2, tail.Last("b"));
        Assert.Equal(5, tail.Last("c"));
        Assert.Null(tail.Last("d"));
        Assert.Equal([1L, 3, 6], tail.Snapshot("a", 0).Sequences);
        Assert.Equal([3L, 6], tail.Snapshot("a", 1).Sequences);
        Assert.Equal([6L], tail.Snapshot("a", 5).Sequences);
        Assert.Empty(tail.Snapshot("a", 6).Sequences);
        Assert.Empty(tail.Snapshot("d", 0).Sequences);
    }

    [Fact]
    public void Rows_at_or_below_known_are_added_once_and_known_moves_past_gaps()
    {
        var tail = new StreamTail();
        tail.Add([("a", 1), ("a", 2)], 2);

        tail.Add([("a", 2), ("b", 3), ("a", 9)], 8); // 2 was added before; 9 is past the range

        Assert.Equal((8L, 3), (tail.Known, tail.Count));
        Assert.Equal([1L, 2], tail.Snapshot("a", 0).Sequences);
        Assert.Throws<InvalidOperationException>(() => tail.Add([("a", 12), ("b", 11)], 12));
    }

    [Fact]
    public void Dropping_through_a_sequence_keeps_the_newer_entries_and_their_streams()
    {
        var tail = new StreamTail();
        tail.Add([("a", 1), ("b", 2), ("a", 3), ("c", 4), ("b", 5), ("a", 6)], 6);

        var sorted = tail.SortedThrough(4);
        tail.DropThrough(4);

        Assert.Equal([("a", 1L), ("a", 3), ("b", 2), ("c", 4)], sorted);
        Assert.Equal((6L, 2), (tail.Known, tail.Count));
        Assert.Equal(6, tail.Last("a"));
        Assert.Equal(5, tail.Last("b"));
        Assert.Null(tail.Last("c"));
        var a = tail.Snapshot("a", 0);
        Assert.Equal((4L, 6L), (a.Indexed, a.Known)); // the table holds every row through 4, the tail 5 and 6
        Assert.Equal([6L], a.Sequences);
        Assert.Equal([5L], tail.Snapshot("b", 0).Sequences);
        Assert.Equal((4L, 6L), (tail.Snapshot("c", 0).Indexed, tail.Snapshot("c", 0).Known));

        tail.Add([("c", 7), ("a", 8)], 8);
        Assert.Equal([6L, 8], tail.Snapshot("a", 0).Sequences);
        Assert.Equal([7L], tail.Snapshot("c", 0).Sequences);
        tail.DropThrough(100);
        Assert.Equal(0, tail.Count);
        Assert.Null(tail.Last("a"));
        tail.DropThrough(50); // an older flush's end never moves the bound back
        Assert.Equal(100, tail.Snapshot("a", 0).Indexed);
    }

    [Fact]
    public void A_tail_grows_past_its_first_arrays()
    {
        var tail = new StreamTail();
        var rows = Enumerable.Range(1, 10_000).Select(i => ($"s{i % 1500}", (long)i)).ToList();

        tail.Add(rows, 10_000);
        tail.DropThrough(5_000);

        Assert.Equal(5_000, tail.Count);
        Assert.Equal(Enumerable.Range(5_001, 5_000).Where(i => i % 1500 == 7).Select(i => (long)i), tail.Snapshot("s7", 0).Sequences);
    }
}
