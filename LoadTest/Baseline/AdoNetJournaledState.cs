using Medisettle.Storage.Journal;
using Orleans.Storage;

namespace Medisettle.LoadTest.Baseline;

/// <summary>
/// The <c>[JournaledState]</c> facet of the AdoNet baseline (LoadTest only): what an Orleans user without the group-commit
/// storage would build. The state is read and written through Orleans' AdoNet <see cref="IGrainStorage"/> (one
/// transaction per write); a write's journal appends go first, in a transaction of their own
/// (<see cref="PostgresJournalWriter"/>), then the state. <b>Not atomic</b>, unlike <see cref="IJournaledState{TState}"/>
/// promises: if the state write fails after the journal committed (a stale ETag, a lost connection, a crash between the
/// two), the journal holds entries the state does not reflect. A refused journal write (duplicate entry id) happens before
/// the state is touched, so the grain's retry handling sees what it sees on the group-commit storage.
/// </summary>
/// <remarks>
/// Used only inside its activation's turns, so it needs no locking; reads itself in the grain's
/// <see cref="GrainLifecycleStage.SetupState"/> stage, before <c>OnActivateAsync</c>.
/// </remarks>
public sealed class AdoNetJournaledState<TState> : IJournaledState<TState>, ILifecycleObserver
{
    private readonly string _stateName;
    private readonly GrainId _grainId;
    private readonly IGrainContext? _context;
    private readonly IGrainStorage _storage;
    private readonly PostgresJournalWriter _journal;
    private readonly GrainState<TState> _state = new(Activator.CreateInstance<TState>());

    /// <summary>A state of <paramref name="grainId"/>; <paramref name="context"/> is its activation, whose grain replays its journal after each read (<see cref="IJournaledStateReplay"/>), or null for a state used outside a grain.</summary>
    public AdoNetJournaledState(string stateName, GrainId grainId, IGrainStorage storage, PostgresJournalWriter journal, IGrainContext? context = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(journal);
        _stateName = stateName;
        _grainId = grainId;
        _context = context;
        _storage = storage;
        _journal = journal;
    }

    public TState State
    {
        get => _state.State!;
        set => _state.State = value;
    }

    public string? Etag => _state.ETag;

    public bool RecordExists => _state.RecordExists;

    public Task ReadStateAsync() => ReadStateAsync(CancellationToken.None);

    /// <summary>Every write rewrites the state here, so nothing is appended without it: never.</summary>
    public bool CanAppendOnly => false;

    /// <summary>Reads the state, then lets the grain replay its journal after it (<see cref="IJournaledStateReplay"/>), as the group-commit facet does.</summary>
    public async Task ReadStateAsync(CancellationToken cancellationToken)
    {
        await _storage.ReadStateAsync(_stateName, _grainId, _state, cancellationToken);
        if (_context?.GrainInstance is IJournaledStateReplay replay)
        {
            await replay.ReplayAfterReadAsync(_stateName, cancellationToken);
        }
    }

    public Task AppendAsync(IReadOnlyList<JournalAppend> appends, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException($"{_grainId} ({_stateName}): the AdoNet baseline writes the state with every append.");

    /// <summary>Nothing to fence: every write here checks the row's ETag.</summary>
    public void FenceWrites(StreamFence fence) => ArgumentNullException.ThrowIfNull(fence);

    public Task WriteStateAsync() => WriteStateAsync([], CancellationToken.None);

    public Task WriteStateAsync(CancellationToken cancellationToken) => WriteStateAsync([], cancellationToken);

    /// <summary>Appends <paramref name="appends"/> (first transaction), then writes the state (second transaction).</summary>
    public async Task WriteStateAsync(IReadOnlyList<JournalAppend> appends, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(appends);
        if (appends.Count > 0)
        {
            await _journal.AppendAsync(appends, cancellationToken);
        }

        await _storage.WriteStateAsync(_stateName, _grainId, _state, cancellationToken);
    }

    public Task ClearStateAsync() => ClearStateAsync(CancellationToken.None);

    public Task ClearStateAsync(CancellationToken cancellationToken) => _storage.ClearStateAsync(_stateName, _grainId, _state, cancellationToken);

    public Task OnStart(CancellationToken cancellationToken = default) =>
        cancellationToken.IsCancellationRequested ? Task.CompletedTask : ReadStateAsync(cancellationToken);

    public Task OnStop(CancellationToken cancellationToken = default) => Task.CompletedTask;
}
