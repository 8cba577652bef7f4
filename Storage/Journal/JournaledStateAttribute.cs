namespace Medisettle.Storage.Journal;

/// <summary>
/// Marks a grain constructor parameter of type <see cref="IJournaledState{TState}"/>.
/// </summary>
/// <param name="stateName">Name of the state; a grain may hold several states with different names.</param>
/// <param name="storageName">The group-commit grain storage to use; null for the default one ("Default").</param>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class JournaledStateAttribute(string stateName, string? storageName = null) : Attribute, IFacetMetadata
{
    public string StateName { get; } = stateName;

    public string? StorageName { get; } = storageName;
}
