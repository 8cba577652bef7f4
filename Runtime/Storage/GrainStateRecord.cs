namespace Medisettle.Runtime.Storage;

/// <summary>A stored state: <paramref name="Version"/> 0 means no row; a null <paramref name="Payload"/> is a cleared record (tombstone).</summary>
public readonly record struct GrainStateRecord(long Version, string? Payload);
