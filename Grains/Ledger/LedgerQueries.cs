using Medisettle.Interfaces.Administration;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Ledger;
using Medisettle.Storage.Journal;

namespace Medisettle.Grains.Ledger;

/// <summary>
/// <see cref="ILedgerQueries"/> over this silo's journal, posting dispatcher and auditor; reached from outside the silo through
/// <see cref="LedgerQueryGrain"/>.
/// </summary>
public sealed class LedgerQueries(IJournal journal, IGrainFactory grains, LedgerAuditor auditor) : ILedgerQueries
{
    /// <summary>Journal entries read per page.</summary>
    public const int PageSizeMax = 10_000;

    public async Task<long> CatchUpAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return await grains.GetGrain<IPostingDispatcherGrain>(PostingDispatcherGrain.Key).DrainAsync();
    }

    /// <summary>
    /// The institution's receivable postings (settlements and reversals) with a settlement date from <paramref name="from"/>
    /// through <paramref name="to"/>, at most <paramref name="maxCount"/>, in journal order. Reads only the part of the
    /// institution's posting stream where the institution grain says they lie (<see cref="IInstitutionGrain.FindReceivablesAsync"/>),
    /// so a reconciliation costs the postings since <paramref name="from"/>, not the institution's whole history; the
    /// whole stream when the grain cannot say.
    /// </summary>
    public async Task<IReadOnlyList<Posting>> ReadReceivablesAsync(string institutionCode, DateOnly from, DateOnly to, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(institutionCode);
        var account = LedgerNames.InstitutionAccount(institutionCode);
        var result = new List<Posting>();
        var span = await grains.GetGrain<IInstitutionGrain>(institutionCode).FindReceivablesAsync(from, to);
        if (span is { IsEmpty: true })
        {
            return result;
        }

        await foreach (var entry in ReadStreamAsync(LedgerNames.PostingStream(account), span?.After ?? 0, cancellationToken))
        {
            if (entry.Sequence > (span?.Through ?? long.MaxValue))
            {
                break;
            }

            foreach (var posting in PostingFeed.PostingsOn(entry, account))
            {
                if (posting.Kind is PostingKind.Settlement or PostingKind.Reversal && posting.SettlementDate >= from && posting.SettlementDate <= to)
                {
                    result.Add(posting);
                    if (result.Count >= maxCount)
                    {
                        return result;
                    }
                }
            }
        }

        return result;
    }

    public async Task<PersonLedger> ReadPersonAsync(string personId, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(personId);
        var settlements = new List<SettlementRecord>();
        var cancellations = new List<CancellationRecord>();
        var truncated = false;
        await foreach (var entry in ReadStreamAsync(LedgerNames.PersonStream(personId), 0, cancellationToken))
        {
            if (settlements.Count + cancellations.Count >= maxCount)
            {
                truncated = true;
                break;
            }

            if (entry.EntryId.StartsWith("cancel:", StringComparison.Ordinal))
            {
                cancellations.Add(LedgerJson.Deserialize<CancellationRecord>(entry));
            }
            else
            {
                settlements.Add(LedgerJson.Deserialize<SettlementRecord>(entry));
            }
        }

        return new PersonLedger { Settlements = settlements, Cancellations = cancellations, Truncated = truncated };
    }

    /// <summary>
    /// Every fund pool with a posting, after delivering what is committed: the dispatcher keeps the list of fund accounts,
    /// so this costs one call per fund pool, not a read of the journal.
    /// </summary>
    public async Task<IReadOnlyList<FundPoolSnapshot>> ReadFundPoolsAsync(CancellationToken cancellationToken)
    {
        await CatchUpAsync(cancellationToken);
        var accounts = await grains.GetGrain<IPostingDispatcherGrain>(PostingDispatcherGrain.Key).ListFundAccountsAsync();
        return await Task.WhenAll(accounts.Select(account => grains.GetGrain<IFundPoolGrain>(account).GetSnapshotAsync()));
    }

    public async Task<AuditReport> AuditAsync(CancellationToken cancellationToken)
    {
        await CatchUpAsync(cancellationToken);
        return await auditor.AuditAsync(cancellationToken);
    }

    private async IAsyncEnumerable<JournalEntry> ReadStreamAsync(string stream, long after, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            var page = await journal.ReadAsync(stream, after, PageSizeMax, cancellationToken);
            foreach (var entry in page)
            {
                yield return entry;
            }

            if (page.Count < PageSizeMax)
            {
                yield break;
            }

            after = page[^1].Sequence;
        }
    }
}
