using Medisettle.Storage.Journal;

namespace Medisettle.Grains.Ledger;

/// <summary>
/// Whether this silo's journal may hold receipts of platform-form msgids under their legacy entry id
/// (<see cref="LedgerNames.LegacyReceiptEntry"/>), written before such receipts were keyed time first
/// (<see cref="LedgerNames.ReceiptEntry"/>). The unique entry-id index refuses a message twice only under one key, so
/// while legacy receipts may exist a settlement of a platform-form msgid first looks its legacy receipt up, and a
/// retry is answered from either. Found once per silo: the receipts stream is read from its start until the first
/// receipt of a platform-form msgid, which says which form the journal was written in (every receipt after it was
/// written by the same or a later version). A journal with no such receipt in its first <see cref="ScanMax"/>
/// receipts is taken to hold legacy ones. Silos of the two versions must not write to one journal at once (an upgrade
/// stops the old silos before it starts the new ones: docs/architecture.md, "Idempotency").
/// </summary>
public sealed class ReceiptKeys(IJournal journal)
{
    /// <summary>Receipts read at most to find the first of a platform-form msgid.</summary>
    public const int ScanMax = 10_000;

    private const int PageSize = 512;

    private Task<bool>? _legacy;

    /// <summary>Whether a receipt of this message may be in the journal under its legacy entry id.</summary>
    public async ValueTask<bool> MayHaveLegacyReceiptAsync(string institutionCode, string messageId) =>
        LedgerNames.IsPlatformForm(institutionCode, messageId) && await LegacyReceiptsMayExistAsync();

    /// <summary>Whether the journal may hold legacy receipts of platform-form msgids (found once; a failed look is tried again).</summary>
    public Task<bool> LegacyReceiptsMayExistAsync()
    {
        var found = Volatile.Read(ref _legacy);
        if (found is null || found.IsFaulted || found.IsCanceled)
        {
            found = FindAsync();
            Volatile.Write(ref _legacy, found);
        }

        return found;
    }

    private async Task<bool> FindAsync()
    {
        var read = 0;
        for (var after = 0L; read < ScanMax;)
        {
            var page = await journal.ReadAsync(LedgerNames.ReceiptStream, after, PageSize);
            foreach (var entry in page)
            {
                if (entry.EntryId.StartsWith(LedgerNames.TimeOrderedReceiptPrefix, StringComparison.Ordinal))
                {
                    return false;
                }

                if (LedgerNames.IsLegacyReceiptOfPlatformForm(entry.EntryId))
                {
                    return true;
                }
            }

            read += page.Count;
            if (page.Count < PageSize)
            {
                return false; // every receipt read: none of a platform-form msgid yet, and new ones are keyed time first
            }

            after = page[^1].Sequence;
        }

        return true;
    }
}
