namespace Medisettle.Runtime.Storage;

/// <summary>The write fence (<see cref="IWriteFence"/>) rejected the write's partition; nothing was written.</summary>
public sealed class WriteFencedException(GrainId grainId, int partition)
    : Exception($"Write for {grainId} rejected by the write fence: this silo does not own partition {partition}.")
{
    public GrainId GrainId { get; } = grainId;

    public int Partition { get; } = partition;
}
