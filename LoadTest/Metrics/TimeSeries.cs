namespace Medisettle.LoadTest.Metrics;

/// <summary>
/// Per-second counters and latency histograms of a run, bounded by <see cref="SecondsMax"/>; each second's histogram has
/// <see cref="LatencyHistogram.SignificantDigitsPerSecond"/> significant digits (its p50 and p99 within 1/128).
/// </summary>
public sealed class TimeSeries
{
    /// <summary>Seconds tracked; later samples fold into the last second.</summary>
    public const int SecondsMax = 3600;

    private readonly Slot[] _slots;
    private int _lastSecond = -1;

    public TimeSeries(TimeSpan expectedDuration)
    {
        var seconds = (int)Math.Clamp(Math.Ceiling(expectedDuration.TotalSeconds) + 120, 1, SecondsMax);
        _slots = new Slot[seconds];
    }

    public void RecordOffered(TimeSpan sinceStart) => Interlocked.Increment(ref SlotAt(sinceStart).Offered);

    public void RecordCompleted(TimeSpan sinceStart, long latencyMicroseconds)
    {
        var slot = SlotAt(sinceStart);
        Interlocked.Increment(ref slot.Completed);
        slot.Latency.Record(latencyMicroseconds);
    }

    public void RecordError(TimeSpan sinceStart) => Interlocked.Increment(ref SlotAt(sinceStart).Errors);

    public void RecordBusyRefusal(TimeSpan sinceStart) => Interlocked.Increment(ref SlotAt(sinceStart).BusyRefusals);

    public void RecordGcPause(TimeSpan sinceStart, long microseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(microseconds);
        Interlocked.Add(ref SlotAt(sinceStart).GcPauseMicroseconds, microseconds);
    }

    public void RecordSilo(TimeSpan sinceStart, long gcPauseMicroseconds, long cpuMicroseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(gcPauseMicroseconds);
        ArgumentOutOfRangeException.ThrowIfNegative(cpuMicroseconds);
        var slot = SlotAt(sinceStart);
        Interlocked.Add(ref slot.SiloGcPauseMicroseconds, gcPauseMicroseconds);
        Interlocked.Add(ref slot.SiloCpuMicroseconds, cpuMicroseconds);
    }

    /// <summary>Keeps the largest journal lag read in the second.</summary>
    public void RecordJournalLag(TimeSpan sinceStart, long lag)
    {
        var slot = SlotAt(sinceStart);
        var seen = Interlocked.Read(ref slot.SiloJournalLag);
        while (lag > seen)
        {
            var before = Interlocked.CompareExchange(ref slot.SiloJournalLag, lag, seen);
            if (before == seen)
            {
                break;
            }

            seen = before;
        }
    }

    public IReadOnlyList<SecondSample> Samples()
    {
        var last = Volatile.Read(ref _lastSecond);
        var samples = new List<SecondSample>(last + 1);
        for (var i = 0; i <= last; i++)
        {
            var slot = _slots[i];
            samples.Add(slot is null
                ? new SecondSample
                {
                    Second = i, Offered = 0, Completed = 0, Errors = 0, P50Microseconds = 0, P99Microseconds = 0, MaxMicroseconds = 0, BusyRefusals = 0, GcPauseMicroseconds = 0,
                }
                : new SecondSample
                {
                    Second = i,
                    Offered = Interlocked.Read(ref slot.Offered),
                    Completed = Interlocked.Read(ref slot.Completed),
                    Errors = Interlocked.Read(ref slot.Errors),
                    P50Microseconds = slot.Latency.PercentileMicroseconds(50),
                    P99Microseconds = slot.Latency.PercentileMicroseconds(99),
                    MaxMicroseconds = slot.Latency.MaxMicroseconds,
                    BusyRefusals = Interlocked.Read(ref slot.BusyRefusals),
                    GcPauseMicroseconds = Interlocked.Read(ref slot.GcPauseMicroseconds),
                    SiloGcPauseMicroseconds = Interlocked.Read(ref slot.SiloGcPauseMicroseconds),
                    SiloCpuMicroseconds = Interlocked.Read(ref slot.SiloCpuMicroseconds),
                    SiloJournalLag = Interlocked.Read(ref slot.SiloJournalLag),
                });
        }

        return samples;
    }

    private Slot SlotAt(TimeSpan sinceStart)
    {
        var second = (int)Math.Clamp(sinceStart.Ticks / TimeSpan.TicksPerSecond, 0, _slots.Length - 1);
        var slot = Volatile.Read(ref _slots[second]);
        if (slot is null)
        {
            Interlocked.CompareExchange(ref _slots[second], new Slot(), null);
            slot = _slots[second];
        }

        var last = Volatile.Read(ref _lastSecond);
        while (second > last)
        {
            var seen = Interlocked.CompareExchange(ref _lastSecond, second, last);
            if (seen == last)
            {
                break;
            }

            last = seen;
        }

        return slot!;
    }

    private sealed class Slot
    {
        public long Offered;
        public long Completed;
        public long Errors;
        public long BusyRefusals;
        public long GcPauseMicroseconds;
        public long SiloGcPauseMicroseconds;
        public long SiloCpuMicroseconds;
        public long SiloJournalLag;

        public LatencyHistogram Latency { get; } = new(LatencyHistogram.SignificantDigitsPerSecond);
    }
}
