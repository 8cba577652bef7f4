using System.Diagnostics;
using Medisettle.Grains.Diagnostics;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Ledger;
using Medisettle.Storage.Journal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Medisettle.Grains.Ledger;

/// <summary>
/// The journal consumer that delivers postings to their consumer grains (fund pools and institutions) in journal
/// order and in batches (posting rows and the fund postings settlement records carry: <see cref="PostingFeed"/>), then advances its durable cursor. Delivery is at-least-once; each consumer applies only
/// postings past its own position, so the effect is exactly once. One activation cluster-wide (key
/// <see cref="Key"/>), kept alive by its timer.
/// </summary>
/// <remarks>
/// Reading "after position" never skips a posting: the journal returns entries only up to its safe point, below
/// which no entry can still appear, although silos commit concurrently and PostgreSQL can make sequence 11 visible
/// before 10 (<see cref="IJournal"/>, <c>PostgresJournalOrderTests</c>).
/// </remarks>
public sealed partial class PostingDispatcherGrain(
    [PersistentState("cursor")] IPersistentState<JournalCursorState> cursor,
    IJournal journal,
    IOptions<SettlementOptions> options,
    SettlementMetrics metrics,
    [FromKeyedServices(SettlementClock.ServiceKey)] TimeProvider time,
    ILogger<PostingDispatcherGrain> log) : Grain, IPostingDispatcherGrain
{
    /// <summary>Key of the one dispatcher.</summary>
    public const string Key = "postings";

    /// <summary>How often the timer reads the journal head to report the lag (the head is one more query).</summary>
    public static readonly TimeSpan LagSampleInterval = TimeSpan.FromSeconds(1);

    /// <summary>Longest a drain waits for other silos' commits in flight (a writer frozen mid-commit is cut off after 5 s).</summary>
    public static readonly TimeSpan DrainWaitMax = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan DrainPollInterval = TimeSpan.FromMilliseconds(20);

    private IGrainTimer? _timer;
    private long _lagSampledAt = long.MinValue;

    public Task StartAsync()
    {
        if (_timer is null && options.Value.DispatchInBackground)
        {
            var delay = options.Value.DispatchIdleDelay;
            _timer = this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(delay, delay) { KeepAlive = true });
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Delivers every posting committed before the call: reads until the journal is empty past the cursor and its
    /// safe point has reached the head seen at the start (commits in flight on other silos end first). A delivery that
    /// fails (a consumer's silo lost, a stale activation refused) is tried again, as the timer would. For at most
    /// <see cref="DrainWaitMax"/>; then the last failure is thrown, or the position reached is returned.
    /// </summary>
    public async Task<long> DrainAsync()
    {
        var head = await journal.ReadHeadSequenceAsync();
        var started = Stopwatch.GetTimestamp(); // real time: the settlement clock may be a test's frozen clock
        while (true)
        {
            var safe = await journal.ReadSafeSequenceAsync();
            int read;
            try
            {
                read = await DispatchOnceAsync();
            }
            catch (Exception exception) when (exception is not OperationCanceledException && Stopwatch.GetElapsedTime(started) < DrainWaitMax)
            {
                LogDispatchFailed(log, exception, cursor.State.Position);
                await Task.Delay(DrainPollInterval);
                continue;
            }

            if (read > 0)
            {
                continue;
            }

            if (safe >= head || Stopwatch.GetElapsedTime(started) >= DrainWaitMax)
            {
                return cursor.State.Position;
            }

            await Task.Delay(DrainPollInterval);
        }
    }

    public Task<long> GetPositionAsync() => Task.FromResult(cursor.State.Position);

    public async Task<IReadOnlyList<string>> ListFundAccountsAsync()
    {
        await IndexFundAccountsAsync();
        return cursor.State.FundAccounts.ToList();
    }

    public async Task<JournalLag> GetLagAsync()
    {
        var lag = new JournalLag { Position = cursor.State.Position, Head = await journal.ReadHeadSequenceAsync() };
        metrics.OnJournalLag(lag);
        return lag;
    }

    /// <summary>Timer turns run one at a time with the grain's calls (not interleaved), so one pass runs at a time.</summary>
    private async Task TickAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Full pages only: a page that was not full reached what was committed when it was read, and whatever came
            // after waits for the next pass, so a busy consumer is written once a pass, not once per small page.
            while (!cancellationToken.IsCancellationRequested && await DispatchOnceAsync() == options.Value.DispatchBatchMax)
            {
            }

            var now = time.GetTimestamp();
            if (_lagSampledAt == long.MinValue || time.GetElapsedTime(_lagSampledAt, now) >= LagSampleInterval)
            {
                _lagSampledAt = now;
                await GetLagAsync();
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Nothing was lost: the cursor did not move, the next tick delivers the batch again.
            LogDispatchFailed(log, exception, cursor.State.Position);
        }
    }

    /// <summary>One page: reads up to <see cref="SettlementOptions.DispatchBatchMax"/> entries after the cursor and delivers their postings. Returns the entries read (0: nothing new).</summary>
    private async Task<int> DispatchOnceAsync()
    {
        await IndexFundAccountsAsync();
        var page = await PostingFeed.ReadAsync(journal, cursor.State.Position, options.Value.DispatchBatchMax);
        if (page.Entries == 0)
        {
            // Only other streams' entries since (the receivable indexes the last delivery made, job runs): the cursor
            // moves past them, so a dispatcher that has caught up shows no lag.
            if (page.ReadThrough > cursor.State.Position)
            {
                cursor.State.Position = page.ReadThrough;
                await cursor.WriteOrReloadAsync();
            }

            return 0;
        }

        var byAccount = GroupByAccount(page.Postings);
        AddFundAccounts(byAccount.Keys);
        // A bounded number of consumers at a time: each delivery is a durable write, and hundreds at once would
        // queue in front of the settlements' own writes (their p99) for no gain in lag.
        foreach (var chunk in byAccount.Chunk(options.Value.DispatchConcurrencyMax))
        {
            await Task.WhenAll(chunk.Select(pair => DeliverAsync(pair.Key, pair.Value)));
        }

        cursor.State.Position = page.ReadThrough;
        await cursor.WriteOrReloadAsync();
        return page.Entries;
    }

    /// <summary>
    /// Builds <see cref="JournalCursorState.FundAccounts"/> once for a cursor stored before it was kept: the fund accounts
    /// of every posting through the cursor's position (a read of the postings, once per data directory).
    /// </summary>
    private async Task IndexFundAccountsAsync()
    {
        if (cursor.State.FundAccountsIndexed)
        {
            return;
        }

        long after = 0;
        while (after < cursor.State.Position
            && await PostingFeed.ReadAsync(journal, after, options.Value.DispatchBatchMax) is { Entries: > 0 } page)
        {
            AddFundAccounts(page.Postings.Where(p => p.Posting.Sequence <= cursor.State.Position).Select(p => p.Account));
            after = page.ReadThrough;
        }

        cursor.State.FundAccountsIndexed = true;
        await cursor.WriteOrReloadAsync();
        LogFundAccountsIndexed(log, cursor.State.FundAccounts.Count, cursor.State.Position);
    }

    /// <summary>Adds the fund (not institution) accounts among <paramref name="accounts"/> to the sorted list; written with the next cursor write.</summary>
    private void AddFundAccounts(IEnumerable<string> accounts)
    {
        var list = cursor.State.FundAccounts;
        foreach (var account in accounts)
        {
            if (account.StartsWith(LedgerNames.InstitutionAccountPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var index = list.BinarySearch(account, StringComparer.Ordinal);
            if (index < 0)
            {
                list.Insert(~index, account);
            }
        }
    }

    private static Dictionary<string, List<AppliedPosting>> GroupByAccount(IReadOnlyList<(string Account, AppliedPosting Posting)> postings)
    {
        var byAccount = new Dictionary<string, List<AppliedPosting>>(StringComparer.Ordinal);
        foreach (var (account, posting) in postings)
        {
            if (!byAccount.TryGetValue(account, out var list))
            {
                byAccount[account] = list = [];
            }

            list.Add(posting);
        }

        return byAccount;
    }

    private Task DeliverAsync(string account, IReadOnlyList<AppliedPosting> postings) =>
        account.StartsWith(LedgerNames.InstitutionAccountPrefix, StringComparison.Ordinal)
            ? GrainFactory.GetGrain<IInstitutionGrain>(account[LedgerNames.InstitutionAccountPrefix.Length..]).ApplyPostingsAsync(postings)
            : GrainFactory.GetGrain<IFundPoolGrain>(account).ApplyPostingsAsync(postings);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Posting dispatcher listed {Accounts} fund accounts from the journal through sequence {Position} (once)")]
    private static partial void LogFundAccountsIndexed(ILogger logger, int accounts, long position);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Posting dispatch failed after sequence {Position}; retrying on the next tick")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception, long position);
}
