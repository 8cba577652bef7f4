using System.Runtime.CompilerServices;
using Medisettle.Storage.Journal;

namespace Medisettle.Grains.Ledger;

/// <summary>One entry of an institution's receivable index: the settlement dates of one delivery and where their receivables lie.</summary>
/// <param name="Days">Each settlement date of the delivery's receivables, with the sequences of the records that carry them.</param>
public sealed record ReceivableIndexEntry(IReadOnlyList<ReceivableIndexDay> Days)
{
    /// <summary>The lowest sequence the entry names.</summary>
    public long FirstSequence => Days.Min(d => d.SequenceDeltas[0]);
}

/// <summary>
/// One settlement date of a <see cref="ReceivableIndexEntry"/>.
/// </summary>
/// <param name="Date">The settlement date.</param>
/// <param name="SequenceDeltas">
/// The rising sequences of the settlement records carrying a receivable of that date: the first as it is, each other as
/// its distance from the one before (a few digits, not a sequence's eight or more).
/// </param>
public sealed record ReceivableIndexDay(DateOnly Date, long[] SequenceDeltas)
{
    /// <summary>The sequences, decoded from <see cref="SequenceDeltas"/>.</summary>
    public IEnumerable<long> Sequences()
    {
        var sequence = 0L;
        foreach (var delta in SequenceDeltas)
        {
            sequence += delta;
            yield return sequence;
        }
    }
}

/// <summary>
/// Where the receivables that settlement records carry for an institution lie in the journal: written by the institution
/// grain as it applies them, one entry per delivery in its stream <c>rcv:{institution}</c>, committed with the
/// institution's state. A record names no second stream: its row then costs the journal no index entry of the
/// institution's (which landed on a page of its own, one for each of the institutions, in every commit), and the
/// institution's few index entries a second carry the same facts. Read by 3202 reconciliation and found by the daily close.
/// Records of earlier versions named their institution's posting stream as their second stream and are read there;
/// a record applied by this version is listed here too, and a reader takes each sequence once.
/// </summary>
public static class ReceivableIndex
{
    /// <summary>Prefix of the index streams, <c>rcv:{institution}</c>; not a posting stream (<see cref="LedgerNames.PostingStreamPrefix"/>).</summary>
    public const string StreamPrefix = "rcv:";

    public static string Stream(string institutionCode) => StreamPrefix + institutionCode;

    /// <summary>
    /// The append that indexes <paramref name="receivables"/> (each record's sequence and its receivable's settlement
    /// date, in rising sequence order), or none when there are none. Its entry id names the last sequence, which the
    /// institution applies once.
    /// </summary>
    public static IReadOnlyList<JournalAppend> Appends(string institutionCode, IReadOnlyList<(long Sequence, DateOnly Date)> receivables)
    {
        ArgumentNullException.ThrowIfNull(institutionCode);
        ArgumentNullException.ThrowIfNull(receivables);
        if (receivables.Count == 0)
        {
            return [];
        }

        var days = receivables.GroupBy(r => r.Date)
            .Select(day => new ReceivableIndexDay(day.Key, Deltas(day.Select(r => r.Sequence))))
            .ToArray();
        var entryId = $"{StreamPrefix}{institutionCode}:{receivables[^1].Sequence}";
        return [new JournalAppend(Stream(institutionCode), entryId, LedgerJson.SerializeToUtf8(new ReceivableIndexEntry(days)))];
    }

    /// <summary>
    /// The sequences of the institution's indexed records with a receivable dated <paramref name="from"/> through
    /// <paramref name="to"/> and a sequence above <paramref name="after"/> through <paramref name="through"/>, rising.
    /// Reads the index from <paramref name="after"/> on (an entry is written after every record it names) and stops at
    /// the first entry past <paramref name="through"/>.
    /// </summary>
    public static async IAsyncEnumerable<long> ReadSequencesAsync(
        IJournal journal, string institutionCode, DateOnly from, DateOnly to, long after, long through,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(journal);
        await foreach (var entry in journal.ReadStreamAsync(Stream(institutionCode), after, LedgerQueries.PageSizeMax, cancellationToken))
        {
            var index = LedgerJson.Deserialize<ReceivableIndexEntry>(entry);
            if (index.FirstSequence > through)
            {
                yield break;
            }

            var sequences = index.Days.Where(d => d.Date >= from && d.Date <= to)
                .SelectMany(d => d.Sequences())
                .Where(s => s > after && s <= through)
                .Order();
            foreach (var sequence in sequences)
            {
                yield return sequence;
            }
        }
    }

    private static long[] Deltas(IEnumerable<long> sequences)
    {
        var previous = 0L;
        return sequences.Select(s => { var delta = s - previous; previous = s; return delta; }).ToArray();
    }
}
