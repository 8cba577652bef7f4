using Medisettle.Runtime.Placement;

namespace Medisettle.Runtime;

/// <summary>Identity of a grain: its type name and its key.</summary>
public readonly record struct GrainId(string Type, string Key)
{
    /// <summary>The partition of this grain: <c>StableHash(Key) % partitionCount</c>, stable across processes.</summary>
    public int Partition(int partitionCount) => StableHash.Partition(Key, partitionCount);

    public override string ToString() => $"{Type}/{Key}";
}
