namespace Medisettle.Grains.Signing;

/// <summary>
/// Shares one durable write among the callers of a reentrant grain: <see cref="WriteAsync"/> completes once a write
/// that started after the call has committed, and at most one write runs at a time. While a write is in flight every
/// caller joins the one queued behind it, so a busy grain commits twice per commit time rather than once per caller.
/// </summary>
/// <remarks>
/// Use from one activation only (its turns never run at once): the fields are not guarded otherwise. The state the
/// write persists must be changed before <see cref="WriteAsync"/> is called, in the same turn. When a write fails,
/// the one queued behind it fails too, with the same exception, and writes nothing: <paramref name="write"/> is
/// expected to reload the stored state on failure, which drops the queued callers' changes.
/// </remarks>
public sealed class WriteCoalescer(Func<Task> write)
{
    /// <summary>The write in flight, if any.</summary>
    private Task? _writing;

    /// <summary>The write queued behind <see cref="_writing"/>: it carries every change made since that one started.</summary>
    private Task? _next;

    /// <summary>
    /// Completes once every write started or queued so far has committed (at once when none is): what a caller waits
    /// for when its change is in one of them already and needs no write of its own.
    /// </summary>
    public Task Pending => _next ?? _writing ?? Task.CompletedTask;

    public Task WriteAsync()
    {
        if (_next is not null)
        {
            return _next;
        }

        if (_writing is null || _writing.IsCompleted)
        {
            return _writing = write();
        }

        return _next = WriteAfterAsync(_writing);
    }

    private async Task WriteAfterAsync(Task previous)
    {
        // Back to the caller first, so it has stored this task in _next before the code below reads it (previous may
        // complete on another thread at any moment; the rest runs as a later turn of the activation).
        await Task.Yield();
        try
        {
            await previous;
        }
        catch
        {
            _next = null;
            throw;
        }

        _writing = _next;
        _next = null;
        await write();
    }
}
