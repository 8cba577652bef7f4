namespace Medisettle.Runtime.Storage;

/// <summary>A write waiting for its transaction; its task completes (asynchronously) after the commit.</summary>
internal sealed class PendingWrite(GrainStateWrite write) : TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)
{
    public GrainStateWrite Write { get; } = write;

    /// <summary>Version after the write, valid once the transaction committed and <see cref="Error"/> is null.</summary>
    public long NewVersion { get; set; }

    /// <summary>Why this write alone was rejected (conflict, duplicate journal entry, fenced).</summary>
    public Exception? Error { get; set; }
}
