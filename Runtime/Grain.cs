using Medisettle.Runtime.Catalog;

namespace Medisettle.Runtime;

/// <summary>
/// Base class of grains (Orleans: <c>Grain</c>). The runtime constructs a grain through DI, sets
/// <see cref="GrainId"/> and <see cref="GrainFactory"/> (already visible in the constructor), loads its
/// persistent states, then calls <see cref="OnActivateAsync"/>. Calls run one at a time, to completion,
/// including across awaits (non-reentrant).
/// </summary>
public abstract class Grain
{
    private ActivationData? _activation;
    private IGrainFactory? _grainFactory;

    protected Grain()
    {
        var context = GrainActivator.Constructing;
        if (context is not null)
        {
            Attach(context.Value.Activation, context.Value.GrainFactory);
        }
    }

    /// <summary>Identity of this activation's grain; set by the runtime before <see cref="OnActivateAsync"/>.</summary>
    public GrainId GrainId { get; private set; }

    protected IGrainFactory GrainFactory =>
        _grainFactory ?? throw new InvalidOperationException("This grain was not created by the runtime.");

    public string GetPrimaryKeyString() => GrainId.Key;

    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <summary>Deactivates this activation when the current call completes (state is not written implicitly).</summary>
    protected void DeactivateOnIdle()
    {
        var activation = _activation ?? throw new InvalidOperationException("This grain was not created by the runtime.");
        activation.RequestDeactivationAfterTurn(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "DeactivateOnIdle"));
    }

    internal void Attach(ActivationData activation, IGrainFactory grainFactory)
    {
        _activation = activation;
        _grainFactory = grainFactory;
        GrainId = activation.GrainId;
    }
}
