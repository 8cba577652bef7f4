using Medisettle.Grains.Ledger;
using Medisettle.Interfaces.Ledger;
using Medisettle.Storage.Journal;

namespace Medisettle.Grains.Jobs;

/// <summary>What the fund job grains share to follow the fund pools' postings: an incremental read of the postings (<see cref="PostingFeed"/>).</summary>
internal static class FundPostings
{
    private const int ReadPageMax = 4096;

    /// <summary>
    /// Reads the postings after <paramref name="afterSequence"/> and hands each fund pool posting (not an
    /// institution's) to <paramref name="onPosting"/> with its account, in journal order. Answers the sequence read through
    /// (<paramref name="afterSequence"/> when there was nothing new).
    /// </summary>
    public static async Task<long> ReadAsync(IJournal journal, long afterSequence, Action<string, Posting> onPosting)
    {
        var through = afterSequence;
        while (await PostingFeed.ReadAsync(journal, through, ReadPageMax) is { Entries: > 0 } page)
        {
            foreach (var (account, applied) in page.Postings)
            {
                if (!account.StartsWith(LedgerNames.InstitutionAccountPrefix, StringComparison.Ordinal))
                {
                    onPosting(account, applied.Posting);
                }
            }

            through = page.ReadThrough;
        }

        return through;
    }
}
