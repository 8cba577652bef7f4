namespace Medisettle.Gateway.Security;

/// <summary>
/// Remembers signatures seen within the replay window. Bounded: when full of unexpired entries it
/// refuses new requests (<see cref="ReplayCheck.Full"/>) rather than forgetting one, which would
/// let that request be replayed.
/// </summary>
internal sealed class ReplayCache(TimeProvider time, int entriesMax)
{
    private readonly Lock gate = new();
    private readonly HashSet<string> seen = new(StringComparer.Ordinal);
    private readonly PriorityQueue<string, DateTimeOffset> expiries = new();

    public int Count
    {
        get
        {
            lock (gate)
            {
                return seen.Count;
            }
        }
    }

    /// <summary>Records <paramref name="key"/> until <paramref name="expiresAt"/>, unless already seen.</summary>
    public ReplayCheck TryRecord(string key, DateTimeOffset expiresAt)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            while (expiries.TryPeek(out var oldest, out var expiry) && expiry <= now)
            {
                expiries.Dequeue();
                seen.Remove(oldest);
            }

            if (seen.Contains(key))
            {
                return ReplayCheck.Replay;
            }

            if (seen.Count >= entriesMax)
            {
                return ReplayCheck.Full;
            }

            seen.Add(key);
            expiries.Enqueue(key, expiresAt);
            return ReplayCheck.Recorded;
        }
    }
}
