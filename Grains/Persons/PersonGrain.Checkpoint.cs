using Medisettle.Grains.Ledger;
using Medisettle.Interfaces.Ledger;
using Medisettle.Storage.Journal;
using Microsoft.Extensions.Logging;

namespace Medisettle.Grains.Persons;

/// <summary>
/// The person's row as a checkpoint. Whenever the state is read (an activation, or the reload after a refused write)
/// the entries of the person's stream after the checkpoint are applied again, in order, exactly as they were applied
/// when they committed. From then on every write of the activation is fenced at the newest entry of the stream it knows
/// (<see cref="IJournaledState{TState}.FenceWrites"/>): the last one it applied, then each one it commits. So
/// settlements, cancels and flagged refusals commit as journal entries alone, from the first one of an activation on,
/// checked against the row's version and that fence; another activation's entry in the stream refuses them, and this
/// activation reads its state again. The row is rewritten every <see cref="SettlementOptions.PersonCheckpointEvery"/>
/// commits and on deactivation. A commit is still the journal transaction: nothing acknowledged is lost by a crash,
/// and nothing is applied twice.
/// </summary>
public sealed partial class PersonGrain : IJournaledStateReplay
{
    /// <summary>Entries read per page while replaying.</summary>
    private const int ReplayPageSize = 256;

    /// <summary>Changes committed (or replayed) since the row was last written.</summary>
    private int _changesSinceCheckpoint;

    public async Task ReplayAfterReadAsync(string stateName, CancellationToken cancellationToken)
    {
        _changesSinceCheckpoint = 0;
        if (S.Profile is null)
        {
            return; // not enrolled: nothing can be in the person's stream
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var legacy = S.Journal is null;
        var position = S.Journal ??= new PersonJournalPosition();
        var stream = LedgerNames.PersonStream(this.GetPrimaryKeyString());
        var tail = new List<JournalEntry>();
        var after = position.AfterSequence;
        var complete = false;
        if (!legacy && position.ThroughEntryId is { } through)
        {
            // Read only what the row lacks, not every entry since the activation that wrote it began (a long-lived
            // activation checkpoints many times from one starting point): the last entry the row includes and those
            // after it, in one read, which also proves that entry is the stream's.
            var page = await journal.ReadOwnStreamFromAsync(stream, through, ReplayPageSize, cancellationToken);
            if (page.Count == 0 || page[0].EntryId != through)
            {
                throw new InvalidOperationException(
                    $"Person {Mask(this.GetPrimaryKeyString())}: its checkpoint includes journal entry {through}, which is not in its stream; the state cannot be rebuilt.");
            }

            var from = position.AfterSequence = Math.Max(position.AfterSequence, page[0].Sequence);
            tail.AddRange(page.Where(e => e.Sequence > from));
            after = Math.Max(from, page[^1].Sequence);
            complete = page.Count < ReplayPageSize;
        }

        while (!complete)
        {
            var page = await journal.ReadOwnStreamAsync(stream, after, ReplayPageSize, cancellationToken);
            tail.AddRange(page);
            complete = page.Count < ReplayPageSize;
            after = page.Count > 0 ? page[^1].Sequence : after;
        }

        // A row written before checkpoints includes every entry; otherwise none of the entries read.
        var first = legacy ? tail.Count : 0;
        for (var i = first; i < tail.Count; i++)
        {
            await ApplyAgainAsync(tail[i]);
        }

        if (tail.Count > 0)
        {
            position.AfterSequence = tail[^1].Sequence;
            position.ThroughEntryId = tail[^1].EntryId;
        }

        _changesSinceCheckpoint = tail.Count - first;
        metrics.OnReplayed(_changesSinceCheckpoint, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        if (_changesSinceCheckpoint > 0)
        {
            LogReplayed(log, Mask(this.GetPrimaryKeyString()), _changesSinceCheckpoint);
        }

        FenceAtLastEntry();
    }

    /// <summary>Fences every later write at the newest entry of the person's stream this activation applied or committed.</summary>
    private void FenceAtLastEntry() =>
        state.FenceWrites(new StreamFence(LedgerNames.PersonStream(this.GetPrimaryKeyString()), S.Journal!.ThroughEntryId));

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_changesSinceCheckpoint == 0)
        {
            return;
        }

        try
        {
            await state.WriteStateAsync(cancellationToken);
            _changesSinceCheckpoint = 0;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Nothing is lost: the journal holds every change, and the next activation applies them again.
            LogCheckpointFailed(log, exception, Mask(this.GetPrimaryKeyString()), _changesSinceCheckpoint);
        }
    }

    /// <summary>
    /// Commits <paramref name="appends"/> with the state's changes: as journal entries alone when this activation may
    /// (<see cref="IJournaledState{TState}.CanAppendOnly"/>) and the checkpoint is not due, else with the row. On any
    /// failure the state is read again (and replayed), so the activation never keeps a change that did not commit.
    /// <paramref name="personEntryId"/> is the entry of the person's stream among the appends (the settlement or cancel record), if any.
    /// </summary>
    private async Task CommitAsync(IReadOnlyList<JournalAppend> appends, string? personEntryId)
    {
        if (personEntryId is not null)
        {
            S.Journal!.ThroughEntryId = personEntryId;
        }

        if (AppendsWithoutRow)
        {
            try
            {
                await state.AppendAsync(appends);
            }
            catch
            {
                await state.ReadStateAsync();
                throw;
            }

            _changesSinceCheckpoint++;
        }
        else
        {
            await state.WriteOrReloadAsync(appends);
            _changesSinceCheckpoint = 0;
        }

        if (personEntryId is not null)
        {
            FenceAtLastEntry();
        }
    }

    /// <summary>Whether the next commit goes to the journal alone.</summary>
    private bool AppendsWithoutRow =>
        state.CanAppendOnly && _changesSinceCheckpoint < _options.PersonCheckpointEvery;

    private async Task ApplyAgainAsync(JournalEntry entry)
    {
        if (LedgerNames.IsSettlementRecord(entry))
        {
            S.ReplaySettlement(LedgerJson.Deserialize<SettlementRecord>(entry), _options.CancelWindowYears);
        }
        else if (entry.EntryId.StartsWith(LedgerNames.CancellationEntry(""), StringComparison.Ordinal))
        {
            var cancel = LedgerJson.Deserialize<CancellationRecord>(entry);
            var settled = await ReadSettlementAsync(cancel.SettlementId)
                ?? throw new InvalidOperationException($"Cancel {entry.EntryId} is in the journal but settlement {cancel.SettlementId} is not.");
            S.ReplayCancellation(settled);
        }
        else
        {
            throw new InvalidOperationException($"Journal entry {entry.EntryId} (sequence {entry.Sequence}) in stream {entry.Stream} is neither a settlement nor a cancel; the person's state cannot be rebuilt.");
        }
    }

    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug, Message = "Person {Person}: applied {Count} journal entries after its checkpoint")]
    private static partial void LogReplayed(ILogger logger, string person, int count);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Person {Person}: the checkpoint on deactivation failed; its {Count} changes stay in the journal and are applied again on its next activation")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception, string person, int count);
}
