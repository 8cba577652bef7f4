using Medisettle.Interfaces.Ledger;
using Medisettle.Storage.Journal;

namespace Medisettle.Grains.Ledger;

/// <summary>One page of <see cref="PostingFeed"/>: the postings read, and the journal position the read reached.</summary>
/// <param name="Postings">Each posting with its account and journal sequence, in journal order.</param>
/// <param name="ReadThrough">
/// The position the read reached; the caller's next read starts after it. The last entry read, or, when the page was
/// not full, the journal's head and safe point as they were before the read (the lower of the two): every entry with
/// postings at or below it was read, so a caller that has caught up moves past the entries of other streams there too.
/// </param>
/// <param name="Entries">Journal entries read (0: nothing past the position).</param>
public sealed record PostingPage(IReadOnlyList<(string Account, AppliedPosting Posting)> Postings, long ReadThrough, int Entries);

/// <summary>
/// Every posting in journal order, whatever its shape: posting rows (the <c>post:</c> streams) and the postings a
/// settlement record carries (<see cref="SettlementRecord.FundPostingsInRecord"/>, <see cref="SettlementRecord.ReceivableInRecord"/>),
/// which take the record's sequence. What the posting dispatcher, the fund jobs and the auditor read instead of the
/// posting streams alone. A record holds at most one posting per account, so each account's postings still have rising
/// sequences. A record an earlier version wrote is also read in its institution's posting stream, and a record
/// the institution's receivable index names is read by its sequence (<see cref="ReceivableIndex"/>); <see cref="PostingsOn"/>
/// takes the institution's posting out of either shape.
/// </summary>
public static class PostingFeed
{
    private static readonly string[] Prefixes = [LedgerNames.PostingStreamPrefix, LedgerNames.PersonStream("")];

    /// <summary>
    /// Reads up to <paramref name="maxEntries"/> journal entries after <paramref name="afterSequence"/> (up to the safe point)
    /// and answers their postings.
    /// </summary>
    public static async Task<PostingPage> ReadAsync(IJournal journal, long afterSequence, int maxEntries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(journal);
        // Read first: whatever commits after them may be missing from the page, whatever is at or below both is in it.
        var head = await journal.ReadHeadSequenceAsync(cancellationToken);
        var safe = await journal.ReadSafeSequenceAsync(cancellationToken);
        var entries = await journal.ReadByStreamPrefixesAsync(Prefixes, afterSequence, maxEntries, cancellationToken);
        var postings = new List<(string, AppliedPosting)>(entries.Count * 2);
        foreach (var entry in entries)
        {
            Expand(entry, postings);
        }

        var readThrough = entries.Count == 0 ? afterSequence : entries[^1].Sequence;
        if (entries.Count < maxEntries)
        {
            readThrough = Math.Max(readThrough, Math.Min(head, safe));
        }

        return new PostingPage(postings, readThrough, entries.Count);
    }

    /// <summary>
    /// Adds the postings of <paramref name="entry"/> to <paramref name="postings"/>: a posting row's one posting (on the
    /// account its stream names), the postings a settlement record carries, nothing for other entries.
    /// </summary>
    public static void Expand(JournalEntry entry, List<(string Account, AppliedPosting Posting)> postings)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(postings);
        if (LedgerNames.AccountOf(entry.Stream) is { } account)
        {
            postings.Add((account, new AppliedPosting(entry.Sequence, LedgerJson.Deserialize<Posting>(entry))));
        }
        else if (LedgerNames.IsSettlementRecord(entry))
        {
            foreach (var posting in LedgerWriter.CarriedPostingsOf(entry.ParsePayload(static json => PostingSource.Read(json))))
            {
                postings.Add((posting.Account, new AppliedPosting(entry.Sequence, posting)));
            }
        }
    }

    /// <summary>
    /// The postings on <paramref name="account"/> of an entry: a posting row's one posting, or the one a settlement record
    /// carries on it (its receivable, for a record read in the institution's stream or found through its receivable index).
    /// </summary>
    public static IEnumerable<Posting> PostingsOn(JournalEntry entry, string account)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(account);
        var postings = new List<(string Account, AppliedPosting Posting)>(1);
        Expand(entry, postings);
        return postings.Where(p => p.Account == account).Select(p => p.Posting.Posting);
    }
}
