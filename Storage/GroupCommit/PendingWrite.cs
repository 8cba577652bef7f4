namespace Medisettle.Storage.GroupCommit;

/// <summary>A write waiting for its transaction; its task completes (asynchronously) after the commit.</summary>
internal sealed class PendingWrite(StateWrite write) : TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)
{
    public StateWrite Write { get; } = write;

    /// <summary>Version after the write, valid once the transaction committed and <see cref="Error"/> is null.</summary>
    public long NewVersion { get; set; }

    /// <summary>Why this write alone was refused (version conflict, duplicate journal entry).</summary>
    public Exception? Error { get; set; }

    /// <summary>The caller's <c>group-commit wait</c> span, which the transaction span links to (default when not traced).</summary>
    public System.Diagnostics.ActivityContext WaitContext { get; set; }

    /// <summary>The <c>group-commit transaction</c> span that committed (or failed) this write, for the wait span to link back.</summary>
    public System.Diagnostics.ActivityContext TransactionContext { get; set; }
}
