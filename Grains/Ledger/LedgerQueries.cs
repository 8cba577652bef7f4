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
    /// journal where the institution grain says they lie (<see cref="IInstitutionGrain.FindReceivablesAsync"/>), so a
    /// reconciliation costs the postings since <paramref name="from"/>, not the institution's whole history; all of it
    /// when the grain cannot say.
    /// </summary>
    public async Task<IReadOnlyList<Posting>> ReadReceivablesAsync(string institutionCode, DateOnly from, DateOnly to, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(institutionCode);
        var span = await grains.GetGrain<IInstitutionGrain>(institutionCode).FindReceivablesAsync(from, to);
        return span is { IsEmpty: true }
            ? []
            : await ReadReceivablesBetweenAsync(institutionCode, from, to, span?.After ?? 0, span?.Through ?? long.MaxValue, maxCount, cancellationToken);
    }

    /// <summary>
    /// As <see cref="ReadReceivablesAsync"/>, through the institution's whole history: what 3202 read before the
    /// institution kept where its days lie (the baseline of <c>LoadTest reconcile-bench</c>).
    /// </summary>
    public Task<IReadOnlyList<Posting>> ReadAllReceivablesAsync(string institutionCode, DateOnly from, DateOnly to, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(institutionCode);
        return ReadReceivablesBetweenAsync(institutionCode, from, to, 0, long.MaxValue, maxCount, cancellationToken);
    }

    /// <summary>
    /// The receivables above sequence <paramref name="after"/> through <paramref name="through"/>: the rows of the
    /// institution's posting stream (reversals; receivables written as rows, and records that named the stream as their
    /// second, by earlier versions), merged with the records its receivable index names (<see cref="ReceivableIndex"/>),
    /// each sequence once.
    /// </summary>
    private async Task<IReadOnlyList<Posting>> ReadReceivablesBetweenAsync(
        string institutionCode, DateOnly from, DateOnly to, long after, long through, int maxCount, CancellationToken cancellationToken)
    {
        var account = LedgerNames.InstitutionAccount(institutionCode);
        bool Wanted(Posting p) => p.Kind is PostingKind.Settlement or PostingKind.Reversal && p.SettlementDate >= from && p.SettlementDate <= to;

        // Each part stops at maxCount: the first maxCount of the two merged lie among the first maxCount of each.
        var found = new SortedDictionary<long, Posting>();
        await foreach (var entry in journal.ReadStreamAsync(LedgerNames.PostingStream(account), after, PageSizeMax, cancellationToken))
        {
            if (entry.Sequence > through || found.Count >= maxCount)
            {
                break;
            }

            foreach (var posting in PostingFeed.PostingsOn(entry, account).Where(Wanted))
            {
                found[entry.Sequence] = posting;
            }
        }

        var indexed = new List<long>();
        await foreach (var sequence in ReceivableIndex.ReadSequencesAsync(journal, institutionCode, from, to, after, through, cancellationToken))
        {
            if (indexed.Count >= maxCount)
            {
                break;
            }

            if (!found.ContainsKey(sequence))
            {
                indexed.Add(sequence);
            }
        }

        foreach (var chunk in indexed.Chunk(IJournal.SequencesMax))
        {
            foreach (var entry in await journal.ReadAtAsync(chunk, cancellationToken))
            {
                foreach (var posting in PostingFeed.PostingsOn(entry, account).Where(Wanted))
                {
                    found[entry.Sequence] = posting;
                }
            }
        }

        return found.Values.Take(maxCount).ToList();
    }

    public async Task<PersonLedger> ReadPersonAsync(string personId, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(personId);
        var settlements = new List<SettlementRecord>();
        var cancellations = new List<CancellationRecord>();
        var truncated = false;
        await foreach (var entry in journal.ReadStreamAsync(LedgerNames.PersonStream(personId), 0, PageSizeMax, cancellationToken))
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
}
