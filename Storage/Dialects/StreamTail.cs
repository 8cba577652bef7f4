namespace Medisettle.Storage.Dialects;

/// <summary>
/// The journal's tail by stream, in memory: for every stream, the sequences of its entries that the stream index
/// (<see cref="SqliteStreamIndex"/>) does not hold yet, and <see cref="Known"/>, the sequence up to which every committed
/// journal row is either here or in the index. Only committed rows are added. Thread-safe: the writer adds and drops, readers
/// take snapshots.
/// </summary>
internal sealed class StreamTail
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<long>> _byStream = new(StringComparer.Ordinal);
    private long _known;
    private int _count;

    /// <summary>Every committed journal row at or below this sequence is in the tail or in the index.</summary>
    public long Known
    {
        get
        {
            lock (_lock)
            {
                return _known;
            }
        }
    }

    /// <summary>How many sequences the tail holds.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    /// <summary>
    /// Adds the committed rows of the range (<see cref="Known"/>, <paramref name="through"/>], in sequence order, and moves
    /// <see cref="Known"/> to <paramref name="through"/>. Rows at or below <see cref="Known"/> were added before and are
    /// skipped, so two writers that both learn a range add it once.
    /// </summary>
    public void Add(IReadOnlyList<(string Stream, long Sequence)> rows, long through)
    {
        ArgumentNullException.ThrowIfNull(rows);
        lock (_lock)
        {
            foreach (var (stream, sequence) in rows)
            {
                if (sequence <= _known || sequence > through)
                {
                    continue;
                }

                if (!_byStream.TryGetValue(stream, out var sequences))
                {
                    sequences = new List<long>(2);
                    _byStream.Add(stream, sequences);
                }

                if (sequences.Count > 0 && sequences[^1] >= sequence)
                {
                    throw new InvalidOperationException($"Stream '{stream}': sequence {sequence} added after {sequences[^1]}; rows must come in sequence order.");
                }

                sequences.Add(sequence);
                _count++;
            }

            _known = Math.Max(_known, through);
        }
    }

    /// <summary>The newest sequence of <paramref name="stream"/> the tail holds, or null.</summary>
    public long? Last(string stream)
    {
        lock (_lock)
        {
            return _byStream.TryGetValue(stream, out var sequences) ? sequences[^1] : null;
        }
    }

    /// <summary>The sequences of <paramref name="stream"/> after <paramref name="after"/>, with <see cref="Known"/> at that moment.</summary>
    public (long Known, long[] Sequences) Snapshot(string stream, long after)
    {
        lock (_lock)
        {
            if (!_byStream.TryGetValue(stream, out var sequences) || sequences[^1] <= after)
            {
                return (_known, []);
            }

            var first = sequences.BinarySearch(after + 1);
            first = first >= 0 ? first : ~first;
            return (_known, sequences.GetRange(first, sequences.Count - first).ToArray());
        }
    }

    /// <summary>Every (stream, sequence) at or below <paramref name="through"/>, ordered by stream (ordinal) and sequence: the index's key order.</summary>
    public List<(string Stream, long Sequence)> SortedThrough(long through)
    {
        List<(string Stream, long Sequence)> rows;
        lock (_lock)
        {
            rows = new List<(string Stream, long Sequence)>(_count);
            foreach (var (stream, sequences) in _byStream)
            {
                foreach (var sequence in sequences)
                {
                    if (sequence > through)
                    {
                        break;
                    }

                    rows.Add((stream, sequence));
                }
            }
        }

        rows.Sort(static (a, b) =>
        {
            var byStream = string.CompareOrdinal(a.Stream, b.Stream);
            return byStream != 0 ? byStream : a.Sequence.CompareTo(b.Sequence);
        });
        return rows;
    }

    /// <summary>Forgets every sequence at or below <paramref name="through"/> (the index holds them now).</summary>
    public void DropThrough(long through)
    {
        lock (_lock)
        {
            List<string>? emptied = null;
            foreach (var (stream, sequences) in _byStream)
            {
                var kept = sequences.FindIndex(s => s > through);
                var dropped = kept < 0 ? sequences.Count : kept;
                if (dropped == 0)
                {
                    continue;
                }

                sequences.RemoveRange(0, dropped);
                _count -= dropped;
                if (sequences.Count == 0)
                {
                    (emptied ??= []).Add(stream);
                }
            }

            foreach (var stream in emptied ?? [])
            {
                _byStream.Remove(stream);
            }
        }
    }
}
