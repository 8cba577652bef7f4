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

    public Task ReadStateAsync() => _storage.ReadStateAsync(_stateName, _context.GrainId, _state, CancellationToken.None);

    public Task ReadStateAsync(CancellationToken cancellationToken) => _storage.ReadStateAsync(_stateName, _context.GrainId, _state, cancellationToken);

    public Task WriteStateAsync() => WriteStateAsync([], CancellationToken.None);

    public Task WriteStateAsync(CancellationToken cancellationToken) => WriteStateAsync([], cancellationToken);

    public Task WriteStateAsync(IReadOnlyList<JournalAppend> appends, CancellationToken cancellationToken = default) =>
        _storage.WriteStateAsync(_stateName, _context.GrainId, _state, appends, cancellationToken);

    public Task ClearStateAsync() => ClearStateAsync(CancellationToken.None);

    public Task ClearStateAsync(CancellationToken cancellationToken) => _storage.ClearStateAsync(_stateName, _context.GrainId, _state, cancellationToken);

    public Task OnStart(CancellationToken cancellationToken = default) =>
        cancellationToken.IsCancellationRequested ? Task.CompletedTask : ReadStateAsync(cancellationToken);

    public Task OnStop(CancellationToken cancellationToken = default) => Task.CompletedTask;
}
