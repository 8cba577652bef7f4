namespace Medisettle.Storage.GroupCommit;

/// <summary>A stored row: <paramref name="Version"/> 0 means no row; a null <paramref name="Payload"/> is a cleared record (tombstone).</summary>
internal readonly record struct StoredState(long Version, byte[]? Payload);
