namespace Medisettle.Runtime.Storage;

/// <summary>A persistent state the runtime loads before <see cref="Grain.OnActivateAsync"/>.</summary>
internal interface IActivationState
{
    Task ReadStateAsync(CancellationToken cancellationToken = default);
}
