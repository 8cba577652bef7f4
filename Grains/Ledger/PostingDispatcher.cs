using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Ledger;
using Medisettle.Runtime;
using Medisettle.Runtime.Journal;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Medisettle.Grains.Ledger;

/// <summary>
/// Delivers journal postings to their consumer grains (fund pools and institutions) in journal order and in
/// batches, then advances its durable cursor. Delivery is at-least-once; each consumer applies only postings
/// past its own position, so the effect is exactly once.
/// </summary>
/// <remarks>
/// Reading "after position" is sound because the storage commits write batches one at a time, in sequence
/// order, within a silo. A multi-silo cluster needs per-partition streams (see the README's design section).
/// </remarks>
public sealed partial class PostingDispatcher(
    IJournal journal,
    IGrainFactory grains,
    TimeProvider time,
    IOptions<SettlementOptions> options,
    ILogger<PostingDispatcher> log) : BackgroundService
{
    /// <summary>Key of the dispatcher's cursor grain.</summary>
    public const string CursorKey = "postings";

    private readonly SemaphoreSlim gate = new(1, 1);
    private long? position;

    /// <summary>Journal sequence up to which postings have been delivered.</summary>
    public long Position => position ?? 0;

    /// <summary>Delivers everything committed so far; returns the number of postings delivered.</summary>
    public async Task<int> DrainAsync(CancellationToken cancellationToken = default)
    {
        var total = 0;
        while (true)
        {
            var delivered = await DispatchOnceAsync(cancellationToken);
            if (delivered < 0)
            {
                return total;
            }

            total += delivered;
        }
    }

    /// <summary>One pass: reads a batch after the cursor and delivers it. Returns -1 when there was nothing to read.</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            var cursor = grains.GetGrain<IJournalCursorGrain>(CursorKey);
            position ??= await cursor.GetPositionAsync();
            var entries = await journal.ReadByStreamPrefixAsync(LedgerNames.PostingStreamPrefix, position.Value, options.Value.DispatchBatchMax, cancellationToken);
            if (entries.Count == 0)
            {
                return -1;
            }

            var byAccount = GroupByAccount(entries);
            // A bounded number of consumers at a time: each delivery is a durable write, and hundreds at once would
            // queue in front of the settlements' own writes (their p99) for no gain in lag.
            await Parallel.ForEachAsync(
                byAccount,
                new ParallelOptions { MaxDegreeOfParallelism = options.Value.DispatchConcurrencyMax, CancellationToken = cancellationToken },
                async (pair, _) => await DeliverAsync(pair.Key, pair.Value));
            var last = entries[^1].Sequence;
            await cursor.AdvanceAsync(last);
            position = last;
            return byAccount.Sum(pair => pair.Value.Count);
        }
        finally
        {
            gate.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DispatchInBackground)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await DispatchOnceAsync(stoppingToken) < 0)
                {
                    await Task.Delay(options.Value.DispatchIdleDelay, time, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Nothing was lost: the cursor did not move, the next pass delivers the batch again.
                LogDispatchFailed(log, ex, Position);
                await Task.Delay(options.Value.DispatchIdleDelay, time, stoppingToken);
            }
        }
    }

    private static Dictionary<string, List<AppliedPosting>> GroupByAccount(IReadOnlyList<JournalEntry> entries)
    {
        var byAccount = new Dictionary<string, List<AppliedPosting>>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (LedgerNames.AccountOf(entry.Stream) is not { } account)
            {
                continue;
            }

            if (!byAccount.TryGetValue(account, out var list))
            {
                byAccount[account] = list = [];
            }

            list.Add(new AppliedPosting(entry.Sequence, LedgerJson.Deserialize<Posting>(entry.Payload)));
        }

        return byAccount;
    }

    private Task DeliverAsync(string account, IReadOnlyList<AppliedPosting> postings) =>
        account.StartsWith(LedgerNames.InstitutionAccountPrefix, StringComparison.Ordinal)
            ? grains.GetGrain<IInstitutionGrain>(account[LedgerNames.InstitutionAccountPrefix.Length..]).ApplyPostingsAsync(postings)
            : grains.GetGrain<IFundPoolGrain>(account).ApplyPostingsAsync(postings);

    public override void Dispose()
    {
        gate.Dispose();
        base.Dispose();
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Posting dispatch failed after sequence {Position}; retrying")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception, long position);
}
