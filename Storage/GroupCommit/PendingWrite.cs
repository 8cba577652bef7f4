namespace Medisettle.Storage.GroupCommit;

/// <summary>A write waiting for its transaction; its task completes (asynchronously) after the commit.</summary>
internal sealed class PendingWrite(StateWrite write) : TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)
{
    public StateWrite Write { get; } = write;

    /// <summary>Version after the write, valid once the transaction committed and <see cref="Error"/> is null.</summary>
    public long NewVersion { get; set; }

    /// <summary>Why this write alone was refused (version conflict, duplicate journal entry).</summary>
    public Exception? Error { get; set; }
}
