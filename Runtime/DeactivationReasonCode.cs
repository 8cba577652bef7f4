namespace Medisettle.Runtime;

/// <summary>Why an activation is deactivated.</summary>
public enum DeactivationReasonCode
{
    None = 0,

    /// <summary>The activation was idle longer than the collection age.</summary>
    ActivationIdle = 1,

    /// <summary>The grain called <see cref="Grain.DeactivateOnIdle"/>.</summary>
    ApplicationRequested = 2,

    /// <summary>The silo is shutting down.</summary>
    ShuttingDown = 3,

    /// <summary>The catalog was full and this was the least recently used idle activation.</summary>
    CapacityPressure = 4,
}
