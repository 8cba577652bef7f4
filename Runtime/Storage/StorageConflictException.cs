namespace Medisettle.Runtime.Storage;

/// <summary>
/// Optimistic concurrency failure: the stored version was not the expected one, so the write was
/// rejected rather than overwriting someone else's data.
/// </summary>
public sealed class StorageConflictException(GrainId grainId, string stateName, long expectedVersion)
    : Exception($"Version conflict writing state '{stateName}' of {grainId}: expected version {expectedVersion}, but the stored version differs. Nothing was overwritten.")
{
    public GrainId GrainId { get; } = grainId;

    public string StateName { get; } = stateName;

    public long ExpectedVersion { get; } = expectedVersion;
}
