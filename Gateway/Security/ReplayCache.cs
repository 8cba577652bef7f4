namespace Medisettle.Gateway.Security;

/// <summary>
/// Remembers signatures seen within the replay window. Bounded: when full of unexpired entries it
/// refuses new requests (<see cref="ReplayCheck.Full"/>) rather than forgetting one, which would
/// let that request be replayed.
/// </summary>
internal sealed class ReplayCache(TimeProvider time, int entriesMax)
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly PriorityQueue<string, DateTimeOffset> _expiries = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _seen.Count;
            }
        }
    }

    /// <summary>Records <paramref name="key"/> until <paramref name="expiresAt"/>, unless already seen.</summary>
    public ReplayCheck TryRecord(string key, DateTimeOffset expiresAt)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            DropExpired(now);
            if (_seen.Contains(key))
            {
                return ReplayCheck.Replay;
            }

            if (_seen.Count >= entriesMax)
            {
                return ReplayCheck.Full;
            }

            _seen.Add(key);
            _expiries.Enqueue(key, expiresAt);
            return ReplayCheck.Recorded;
        }
    }

    private void DropExpired(DateTimeOffset now)
    {
        while (_expiries.TryPeek(out var oldest, out var expiry) && expiry <= now)
        {
            _expiries.Dequeue();
            _seen.Remove(oldest);
        }
    }
}
