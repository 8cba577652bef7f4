using Medisettle.Storage.GroupCommit;

namespace Medisettle.Storage.Journal;

/// <summary>
/// <see cref="IJournaledState{TState}"/> of one activation. Used only inside that activation's turns, so it needs
/// no locking. Reads itself in the grain's <see cref="GrainLifecycleStage.SetupState"/> stage, before
/// <c>OnActivateAsync</c>; the ETag it last read or wrote is the expected version of the next write.
/// </summary>
internal sealed class JournaledState<TState> : IJournaledState<TState>, ILifecycleObserver
{
    private readonly string _stateName;
    private readonly IGrainContext _context;
    private readonly GroupCommitGrainStorage _storage;
    private readonly GrainState<TState> _state = new(Activator.CreateInstance<TState>());

    /// <summary>The condition on every write since the grain set it (<see cref="FenceWrites"/>); null after a read.</summary>
    private StreamFence? _fence;

    public JournaledState(string stateName, IGrainContext context, GroupCommitGrainStorage storage)
    {
        _stateName = stateName;
        _context = context;
        _storage = storage;
        context.ObservableLifecycle.Subscribe($"{nameof(JournaledState<TState>)}-{stateName}", GrainLifecycleStage.SetupState, this);
    }

    public TState State
    {
        get => _state.State!;
        set => _state.State = value;
    }

    public string? Etag => _state.ETag;

    public bool RecordExists => _state.RecordExists;

    public bool CanAppendOnly => _fence is not null;

    public Task ReadStateAsync() => ReadStateAsync(CancellationToken.None);

    /// <summary>Reads the stored state, then lets the grain replay what was appended after it (<see cref="IJournaledStateReplay"/>).</summary>
    public async Task ReadStateAsync(CancellationToken cancellationToken)
    {
        _fence = null;
        await _storage.ReadStateAsync(_stateName, _context.GrainId, _state, cancellationToken);
        if (_context.GrainInstance is IJournaledStateReplay replay)
        {
            await replay.ReplayAfterReadAsync(_stateName, cancellationToken);
        }
    }

    public Task WriteStateAsync() => WriteStateAsync([], CancellationToken.None);

    public Task WriteStateAsync(CancellationToken cancellationToken) => WriteStateAsync([], cancellationToken);

    public async Task WriteStateAsync(IReadOnlyList<JournalAppend> appends, CancellationToken cancellationToken = default)
    {
        await _storage.WriteStateAsync(_stateName, _context.GrainId, _state, appends, _fence, cancellationToken);
    }

    public Task AppendAsync(IReadOnlyList<JournalAppend> appends, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(appends);
        if (!CanAppendOnly)
        {
            throw new InvalidOperationException(
                $"{_context.GrainId} ({_stateName}) cannot append without its state: its writes are not fenced (FenceWrites) since it read the state.");
        }

        return _storage.AppendAsync(_stateName, _context.GrainId, _state, appends, _fence, cancellationToken);
    }

    public void FenceWrites(StreamFence fence)
    {
        ArgumentNullException.ThrowIfNull(fence);
        _fence = fence;
    }

    public Task ClearStateAsync() => ClearStateAsync(CancellationToken.None);

    public async Task ClearStateAsync(CancellationToken cancellationToken)
    {
        await _storage.ClearStateAsync(_stateName, _context.GrainId, _state, cancellationToken);
        _fence = null;
    }

    public Task OnStart(CancellationToken cancellationToken = default) =>
        cancellationToken.IsCancellationRequested ? Task.CompletedTask : ReadStateAsync(cancellationToken);

    public Task OnStop(CancellationToken cancellationToken = default) => Task.CompletedTask;
}
