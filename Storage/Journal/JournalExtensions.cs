using System.Runtime.CompilerServices;

namespace Medisettle.Storage.Journal;

/// <summary>Reads over <see cref="IJournal"/> that page for their caller.</summary>
public static class JournalExtensions
{
    /// <summary>
    /// Every entry read in <paramref name="stream"/> (<see cref="IJournal.ReadAsync"/>) after <paramref name="afterSequence"/>,
    /// oldest first, read <paramref name="pageSize"/> at a time as the caller goes on; a caller that stops early reads no more pages.
    /// </summary>
    public static async IAsyncEnumerable<JournalEntry> ReadStreamAsync(
        this IJournal journal, string stream, long afterSequence, int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(journal);
        while (true)
        {
            var page = await journal.ReadAsync(stream, afterSequence, pageSize, cancellationToken);
            foreach (var entry in page)
            {
                yield return entry;
            }

            if (page.Count < pageSize)
            {
                yield break;
            }

            afterSequence = page[^1].Sequence;
        }
    }
}
