using Medisettle.Runtime.Scheduling;

namespace Medisettle.Runtime.Catalog;

/// <summary>
/// One activation: its grain, its bounded mailbox and its turn loop. At most one turn runs at a time: the
/// loop is started on the thread pool when the mailbox goes from empty to non-empty and awaits each call
/// to completion (across awaits) before taking the next. Deactivation also runs in or instead of a turn,
/// never beside one.
/// </summary>
internal sealed class ActivationData : IThreadPoolWorkItem
{
    private readonly Lock _gate = new();
    private readonly Queue<IGrainCall> _mailbox = new();
    private readonly GrainCatalog _catalog;
    private readonly GrainRegistration _registration;
    private readonly TaskCompletionSource _deactivated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ActivationStatus _status;
    private bool _running;
    private DeactivationReason? _pendingDeactivation;
    private Grain? _grain;
    private DateTimeOffset _idleSince;

    public ActivationData(GrainId grainId, GrainRegistration registration, GrainCatalog catalog)
    {
        GrainId = grainId;
        _registration = registration;
        _catalog = catalog;
        _idleSince = catalog.Time.GetUtcNow();
    }

    public GrainId GrainId { get; }

    /// <summary>Completes when this activation is gone from the catalog.</summary>
    public Task Deactivated => _deactivated.Task;

    /// <summary>When the last turn ended (for least-recently-used eviction).</summary>
    public DateTimeOffset IdleSince
    {
        get
        {
            lock (_gate)
            {
                return _idleSince;
            }
        }
    }

    public EnqueueResult TryEnqueue(IGrainCall call)
    {
        lock (_gate)
        {
            if (_status >= ActivationStatus.Deactivating)
            {
                return EnqueueResult.Deactivating;
            }

            if (_mailbox.Count >= _catalog.Options.MailboxCapacityMax)
            {
                return EnqueueResult.Overloaded;
            }

            _mailbox.Enqueue(call);
            if (_running)
            {
                return EnqueueResult.Enqueued;
            }

            _running = true;
        }

        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        return EnqueueResult.Enqueued;
    }

    void IThreadPoolWorkItem.Execute() => _ = RunTurnsAsync();

    /// <summary>Asks for deactivation after the current turn (from <see cref="Grain.DeactivateOnIdle"/>).</summary>
    public void RequestDeactivationAfterTurn(DeactivationReason reason)
    {
        lock (_gate)
        {
            _pendingDeactivation ??= reason;
        }
    }

    /// <summary>Starts deactivation if this activation is idle and was idle since at least <paramref name="idleSinceMax"/>.</summary>
    public bool TryBeginCollection(DateTimeOffset idleSinceMax)
    {
        lock (_gate)
        {
            if (_status != ActivationStatus.Active || _running || _mailbox.Count > 0 || _idleSince > idleSinceMax)
            {
                return false;
            }

            _status = ActivationStatus.Deactivating;
            _running = true;
            return true;
        }
    }

    /// <summary>Deactivates now if idle, otherwise after the running turn; completes when deactivated.</summary>
    public Task RequestDeactivationAsync(DeactivationReason reason)
    {
        lock (_gate)
        {
            if (_status >= ActivationStatus.Deactivating || _running)
            {
                _pendingDeactivation ??= reason;
                return _deactivated.Task;
            }

            _status = ActivationStatus.Deactivating;
            _running = true;
        }

        return DeactivateCoreAsync(reason);
    }

    private async Task RunTurnsAsync()
    {
        while (true)
        {
            IGrainCall? call;
            DeactivationReason? deactivation;
            List<IGrainCall>? leftover = null;
            lock (_gate)
            {
                deactivation = _pendingDeactivation;
                if (deactivation is not null)
                {
                    _status = ActivationStatus.Deactivating;
                    leftover = [.. _mailbox];
                    _mailbox.Clear();
                    call = null;
                }
                else if (!_mailbox.TryDequeue(out call))
                {
                    _running = false;
                    _idleSince = _catalog.Time.GetUtcNow();
                    return;
                }
            }

            if (deactivation is { } reason)
            {
                await DeactivateCoreAsync(reason);
                _catalog.Redeliver(GrainId, leftover!);
                return;
            }

            if (_grain is null && !await ActivateAsync(call!))
            {
                return;
            }

            await call!.RunAsync(_grain!);
        }
    }

    private async Task<bool> ActivateAsync(IGrainCall firstCall)
    {
        try
        {
            var (grain, states) = _catalog.Activator.Create(this, _registration.GrainClass, _catalog.GrainFactory);
            foreach (var state in states)
            {
                await state.ReadStateAsync(CancellationToken.None);
            }

            await grain.OnActivateAsync(CancellationToken.None);
            lock (_gate)
            {
                _grain = grain;
                _status = ActivationStatus.Active;
            }

            _catalog.OnActivated(this);
            return true;
        }
        catch (Exception exception)
        {
            List<IGrainCall> failed;
            lock (_gate)
            {
                _status = ActivationStatus.Deactivated;
                failed = [firstCall, .. _mailbox];
                _mailbox.Clear();
            }

            _catalog.OnActivationFailed(this, exception);
            foreach (var call in failed)
            {
                call.Fail(exception);
            }

            _deactivated.TrySetResult();
            return false;
        }
    }

    /// <summary>Runs <see cref="Grain.OnDeactivateAsync"/> (bounded by DeactivationTimeout), then leaves the catalog.</summary>
    public async Task DeactivateCoreAsync(DeactivationReason reason)
    {
        if (_grain is not null)
        {
            var timeout = _catalog.Options.DeactivationTimeout;
            using var cancellation = new CancellationTokenSource(timeout, _catalog.Time);
            try
            {
                await _grain.OnDeactivateAsync(reason, cancellation.Token).WaitAsync(timeout, _catalog.Time);
            }
            catch (Exception exception)
            {
                _catalog.OnDeactivationFailed(this, exception);
            }
        }

        lock (_gate)
        {
            _status = ActivationStatus.Deactivated;
        }

        _catalog.OnDeactivated(this, reason);
        _deactivated.TrySetResult();
    }
}
