using Medisettle.Interfaces.Platform;

namespace Medisettle.Gateway.Diagnostics;

/// <summary>
/// The last <see cref="WindowSeconds"/> seconds of this gateway's traffic, one slot per second, for the operator page:
/// settlements answered (infno 2102, 2207, 2304 with infcode 0) and their latency, busy refusals, and refusals by
/// infcode since start. A latency above the last bound counts in the last bucket. Written here rather than read back from the OpenTelemetry exporter, which offers no query
/// over recent time; the latency quantiles are bucket upper bounds (<see cref="LatencyBoundsMilliseconds"/>).
/// </summary>
public sealed class RecentTraffic
{
    public const int WindowSeconds = 300;

    /// <summary>Seconds the rate is averaged over (complete seconds only).</summary>
    public const int RateSeconds = 10;

    public static readonly IReadOnlyList<double> LatencyBoundsMilliseconds =
        [0.5, 1, 2, 3, 5, 7.5, 10, 15, 20, 30, 50, 75, 100, 150, 200, 300, 500, 750, 1000, 2000, 5000, 60_000];

    private static readonly HashSet<string> SettlementInfnos = new(["2102", "2207", "2304"], StringComparer.Ordinal);

    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly Slot[] _slots = new Slot[WindowSeconds];
    private readonly SortedDictionary<int, long> _refusals = [];
    private long _settlements;
    private long _busy;
    private long _requests;

    public RecentTraffic(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        for (var i = 0; i < _slots.Length; i++)
        {
            _slots[i] = new Slot();
        }
    }

    public static bool IsSettlement(string infno) => SettlementInfnos.Contains(infno);

    public void Record(string infno, int infcode, TimeSpan elapsed)
    {
        var second = _time.GetUtcNow().ToUnixTimeSeconds();
        lock (_lock)
        {
            var slot = SlotFor(second);
            _requests++;
            if (infcode == Infcodes.Success && IsSettlement(infno))
            {
                _settlements++;
                slot.Settlements++;
                slot.Latency[BucketOf(elapsed.TotalMilliseconds)]++;
            }

            if (GatewayMetrics.IsBusy(infcode))
            {
                _busy++;
                slot.Busy++;
            }

            if (infcode != Infcodes.Success)
            {
                _refusals[infcode] = _refusals.GetValueOrDefault(infcode) + 1;
            }
        }
    }

    /// <summary>The window now: totals, per-second series (oldest first), the settlement rate and latency quantiles.</summary>
    public TrafficSnapshot Snapshot()
    {
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        lock (_lock)
        {
            var latency = new long[LatencyBoundsMilliseconds.Count];
            var series = new List<TrafficSecond>(WindowSeconds);
            long recent = 0;
            for (var second = now - WindowSeconds + 1; second <= now; second++)
            {
                var slot = _slots[Index(second)];
                var current = slot.Second == second;
                var settlements = current ? slot.Settlements : 0;
                series.Add(new TrafficSecond(second, settlements, current ? slot.Busy : 0));
                if (current)
                {
                    for (var i = 0; i < latency.Length; i++)
                    {
                        latency[i] += slot.Latency[i];
                    }
                }

                if (second < now && second >= now - RateSeconds)
                {
                    recent += settlements;
                }
            }

            return new TrafficSnapshot
            {
                At = now,
                Requests = _requests,
                Settlements = _settlements,
                BusyRefusals = _busy,
                SettlementsPerSecond = (double)recent / RateSeconds,
                P50Milliseconds = Quantile(latency, 0.50),
                P99Milliseconds = Quantile(latency, 0.99),
                Refusals = _refusals.Select(pair => new RefusalCount(pair.Key, pair.Value)).ToList(),
                Seconds = series,
            };
        }
    }

    /// <summary>The upper bound of the bucket holding the <paramref name="quantile"/> rank; null without samples.</summary>
    public static double? Quantile(IReadOnlyList<long> buckets, double quantile)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        var total = buckets.Sum();
        if (total == 0)
        {
            return null;
        }

        var rank = (long)Math.Ceiling(quantile * total);
        long seen = 0;
        for (var i = 0; i < buckets.Count; i++)
        {
            seen += buckets[i];
            if (seen >= rank)
            {
                return LatencyBoundsMilliseconds[i];
            }
        }

        return LatencyBoundsMilliseconds[^1];
    }

    public static int BucketOf(double milliseconds)
    {
        for (var i = 0; i < LatencyBoundsMilliseconds.Count; i++)
        {
            if (milliseconds <= LatencyBoundsMilliseconds[i])
            {
                return i;
            }
        }

        return LatencyBoundsMilliseconds.Count - 1;
    }

    private static int Index(long second) => (int)(((second % WindowSeconds) + WindowSeconds) % WindowSeconds);

    private Slot SlotFor(long second)
    {
        var slot = _slots[Index(second)];
        if (slot.Second != second)
        {
            slot.Second = second;
            slot.Settlements = 0;
            slot.Busy = 0;
            Array.Clear(slot.Latency);
        }

        return slot;
    }

    private sealed class Slot
    {
        public long Second = long.MinValue;
        public long Settlements;
        public long Busy;
        public readonly long[] Latency = new long[LatencyBoundsMilliseconds.Count];
    }
}
