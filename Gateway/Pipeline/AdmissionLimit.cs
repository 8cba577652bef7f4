namespace Medisettle.Gateway.Pipeline;

/// <summary>
/// How many transactions the gateway works on at once: never more than <c>max</c>, and less while the gateway is
/// overloaded. Every <see cref="Window"/> it looks at the transactions that finished: when the limit was reached in that
/// window (more work was offered than admitted) and their mean time was above the target, the limit shrinks to what
/// their throughput completes in the target (limit × target ÷ mean, Little's law), by a quarter at least and by half at
/// most, and not below <c>min</c>; when their mean time was under half the target, it grows by a sixteenth of
/// <c>max</c>. A sudden surge thus reaches its settled limit in a few windows (by quarters, 256 took seven windows to
/// come down to 32, and the swipes of those first 1.75 s waited behind the excess). At normal load the limit is never reached, so it stays at <c>max</c> and a burst or a pause is absorbed;
/// under overload it settles where the accepted transactions take about the target, and the excess is refused at once.
/// A <c>target</c> of zero keeps the limit at <c>max</c> (a fixed bound).
/// </summary>
internal sealed class AdmissionLimit(int max, int min, TimeSpan target, TimeProvider clock)
{
    private readonly int _max = max;
    private readonly TimeProvider _clock = clock;
    /// <summary>How often the limit is reconsidered.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(250);

    private readonly Lock _window = new();
    private readonly int _min = Math.Clamp(min, 1, max);
    private int _inFlight;
    private int _limit = max;
    private bool _reached;
    private long _windowStart = clock.GetTimestamp();
    private double _windowSeconds;
    private int _windowCount;

    /// <summary>The limit now.</summary>
    public int Limit => Volatile.Read(ref _limit);

    /// <summary>A place if one is free under the limit (else <see cref="Place.IsAdmitted"/> is false); dispose it when the transaction is answered.</summary>
    public Place Enter() => new(this, TryEnter(), _clock.GetTimestamp());

    /// <summary>Takes a place if one is free under the limit; false means refuse the transaction.</summary>
    public bool TryEnter()
    {
        if (Interlocked.Increment(ref _inFlight) <= Volatile.Read(ref _limit))
        {
            return true;
        }

        Interlocked.Decrement(ref _inFlight);
        Volatile.Write(ref _reached, true);
        return false;
    }

    /// <summary>Gives the place back, with how long the transaction took.</summary>
    public void Exit(TimeSpan took)
    {
        Interlocked.Decrement(ref _inFlight);
        if (target <= TimeSpan.Zero)
        {
            return;
        }

        lock (_window)
        {
            _windowSeconds += took.TotalSeconds;
            _windowCount++;
            var now = _clock.GetTimestamp();
            if (_clock.GetElapsedTime(_windowStart, now) < Window)
            {
                return;
            }

            var mean = _windowSeconds / _windowCount;
            var reached = Volatile.Read(ref _reached);
            if (reached && mean > target.TotalSeconds)
            {
                // As many as the throughput just seen completes in the target (Little's law: in flight = rate × time),
                // at least a quarter fewer and at most half as many as now.
                var shrunk = Math.Clamp(_limit * target.TotalSeconds / mean, _limit / 2.0, _limit * 3 / 4.0);
                Volatile.Write(ref _limit, Math.Max(_min, (int)shrunk));
            }
            else if (mean < target.TotalSeconds / 2)
            {
                Volatile.Write(ref _limit, Math.Min(_max, _limit + Math.Max(1, _max / 16)));
            }

            (_windowStart, _windowSeconds, _windowCount) = (now, 0, 0);
            Volatile.Write(ref _reached, false);
        }
    }

    /// <summary>A transaction's place; disposing it gives the place back with the time it was held.</summary>
    public readonly struct Place(AdmissionLimit owner, bool admitted, long since) : IDisposable
    {
        public bool IsAdmitted => admitted;

        public void Dispose()
        {
            if (admitted)
            {
                owner.Exit(owner._clock.GetElapsedTime(since));
            }
        }
    }
}
