using Medisettle.LoadTest.Targets;

namespace Medisettle.LoadTest.Workload;

/// <summary>
/// Settlements acknowledged so far in the run, for cancels (taken out: each is cancelled at most once) and retries
/// (sampled). Bounded by <see cref="CapacityMax"/>: when full the oldest slot is overwritten. Thread-safe.
/// </summary>
public sealed class AcknowledgedPool(int seed)
{
    public const int CapacityMax = 100_000;

    private readonly Lock _gate = new();
    private readonly Random _random = new(seed);
    private readonly List<AcknowledgedSettlement> _items = new(1024);
    private int _next;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _items.Count;
            }
        }
    }

    public void Add(AcknowledgedSettlement settlement)
    {
        lock (_gate)
        {
            if (_items.Count < CapacityMax)
            {
                _items.Add(settlement);
                return;
            }

            _items[_next] = settlement;
            _next = (_next + 1) % CapacityMax;
        }
    }

    /// <summary>Removes and returns a random settlement to cancel, or null when none is left.</summary>
    public AcknowledgedSettlement? TakeForCancel()
    {
        lock (_gate)
        {
            if (_items.Count == 0)
            {
                return null;
            }

            var i = _random.Next(_items.Count);
            var item = _items[i];
            _items[i] = _items[^1];
            _items.RemoveAt(_items.Count - 1);
            _next = Math.Min(_next, Math.Max(0, _items.Count - 1));
            return item;
        }
    }

    /// <summary>A random settlement to re-send (it stays in the pool), or null when none.</summary>
    public AcknowledgedSettlement? PickForRetry()
    {
        lock (_gate)
        {
            return _items.Count == 0 ? null : _items[_random.Next(_items.Count)];
        }
    }
}
