namespace Medisettle.Runtime;

/// <summary>The catalog holds <c>SiloOptions.ActivationCountMax</c> activations and none is idle to evict.</summary>
public sealed class ActivationCapacityExceededException : Exception
{
    public ActivationCapacityExceededException(GrainId grainId, int activationCountMax)
        : base($"Cannot activate {grainId}: the catalog holds ActivationCountMax={activationCountMax} activations and none is idle to evict.")
    {
        GrainId = grainId;
    }

    public GrainId GrainId { get; }
}
