using Medisettle.Grains.Ledger;
using Medisettle.Interfaces.Ledger;
using Medisettle.Storage.Journal;

namespace Medisettle.Grains.Jobs;

/// <summary>What the fund job grains share to follow the fund pools' postings: an incremental read of the posting streams.</summary>
internal static class FundPostings
{
    private const int ReadPageMax = 4096;

    /// <summary>
    /// Reads the posting streams after <paramref name="afterSequence"/> and hands each fund pool posting (not an
    /// institution's) to <paramref name="onPosting"/> with its account, in journal order. Answers the sequence read through
    /// (<paramref name="afterSequence"/> when there was nothing new).
    /// </summary>
    public static async Task<long> ReadAsync(IJournal journal, long afterSequence, Action<string, Posting> onPosting)
    {
        var through = afterSequence;
        while (await journal.ReadByStreamPrefixAsync(LedgerNames.PostingStreamPrefix, through, ReadPageMax) is { Count: > 0 } page)
        {
            foreach (var entry in page)
            {
                var account = LedgerNames.AccountOf(entry.Stream)!;
                if (!account.StartsWith(LedgerNames.InstitutionAccountPrefix, StringComparison.Ordinal))
                {
                    onPosting(account, LedgerJson.Deserialize<Posting>(entry));
                }
            }

            through = page[^1].Sequence;
        }

        return through;
    }
}
