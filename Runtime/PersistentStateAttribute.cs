namespace Medisettle.Runtime;

/// <summary>
/// Marks a grain constructor parameter of type <see cref="IPersistentState{TState}"/>; the runtime supplies
/// a state bound to the activation's <see cref="GrainId"/> and loads it before <see cref="Grain.OnActivateAsync"/>.
/// </summary>
/// <param name="stateName">Name of the state; a grain may hold several states with different names.</param>
/// <param name="storageName">Reserved for several storage providers; the silo has one storage today.</param>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string stateName, string? storageName = null) : Attribute
{
    public string StateName { get; } = stateName;

    public string? StorageName { get; } = storageName;
}
