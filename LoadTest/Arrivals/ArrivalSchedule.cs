namespace Medisettle.LoadTest.Arrivals;

/// <summary>
/// Open-loop arrivals: the intended start of request i is where the cumulative offered count Λ(t) = ∫λ reaches
/// i, for a piecewise-linear rate λ(t) given by points (time, rate per second). Constant, ramp and the morning
/// peak are instances. Intended times depend only on the schedule, never on completions (no coordinated omission).
/// </summary>
public sealed class ArrivalSchedule
{
    private readonly (double Time, double Rate)[] _points;
    private readonly double[] _cumulative;

    public ArrivalSchedule(string name, IReadOnlyList<(TimeSpan Time, double RatePerSecond)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count < 2 || points[0].Time != TimeSpan.Zero)
        {
            throw new ArgumentException("A schedule needs at least two points and must start at time zero.", nameof(points));
        }

        Name = name;
        _points = new (double, double)[points.Count];
        _cumulative = new double[points.Count];
        for (var i = 0; i < points.Count; i++)
        {
            var (time, rate) = points[i];
            if (rate < 0 || double.IsNaN(rate) || (i > 0 && time <= points[i - 1].Time))
            {
                throw new ArgumentException($"Point {i} ({time}, {rate}/s): rates must be ≥ 0 and times strictly increasing.", nameof(points));
            }

            _points[i] = (time.TotalSeconds, rate);
            if (i > 0)
            {
                var (t0, r0) = _points[i - 1];
                _cumulative[i] = _cumulative[i - 1] + (r0 + rate) / 2 * (time.TotalSeconds - t0);
            }
        }
    }

    public string Name { get; }

    public TimeSpan Duration => TimeSpan.FromSeconds(_points[^1].Time);

    /// <summary>Requests the schedule offers over its whole duration.</summary>
    public long Count => (long)Math.Floor(_cumulative[^1] + 1e-9);

    /// <summary>Highest rate of the schedule, per second.</summary>
    public double PeakRatePerSecond => _points.Max(p => p.Rate);

    /// <summary>Steady rate <paramref name="ratePerSecond"/> for <paramref name="duration"/>.</summary>
    public static ArrivalSchedule Constant(double ratePerSecond, TimeSpan duration) =>
        new("constant", [(TimeSpan.Zero, ratePerSecond), (duration, ratePerSecond)]);

    /// <summary>Rate rising linearly from <paramref name="fromRatePerSecond"/> to <paramref name="toRatePerSecond"/>.</summary>
    public static ArrivalSchedule Ramp(double fromRatePerSecond, double toRatePerSecond, TimeSpan duration) =>
        new("ramp", [(TimeSpan.Zero, fromRatePerSecond), (duration, toRatePerSecond)]);

    /// <summary>
    /// A compressed hospital morning (07:30–11:30): opening at 20 % of the peak, ramp to the peak by a quarter of
    /// the run (08:30), hold the peak to the half (09:30), fall to 40 % by three quarters and 25 % at the end.
    /// </summary>
    public static ArrivalSchedule MorningPeak(double peakRatePerSecond, TimeSpan duration) =>
        new("morning-peak",
        [
            (TimeSpan.Zero, 0.2 * peakRatePerSecond),
            (duration * 0.25, peakRatePerSecond),
            (duration * 0.5, peakRatePerSecond),
            (duration * 0.75, 0.4 * peakRatePerSecond),
            (duration, 0.25 * peakRatePerSecond),
        ]);

    /// <summary>Intended start of request <paramref name="index"/> (0-based) after the run's start: Λ(t) = index.</summary>
    public TimeSpan IntendedOffset(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        var target = (double)index;
        var segment = Array.BinarySearch(_cumulative, target);
        segment = segment >= 0 ? Math.Min(segment, _points.Length - 2) : ~segment - 1;
        var (t0, r0) = _points[segment];
        var (t1, r1) = _points[segment + 1];
        var need = target - _cumulative[segment];
        var slope = (r1 - r0) / (t1 - t0);
        double dt;
        if (Math.Abs(slope) < 1e-12)
        {
            dt = r0 == 0 ? 0 : need / r0;
        }
        else
        {
            // r0·dt + slope·dt²/2 = need
            var discriminant = Math.Max(0, r0 * r0 + 2 * slope * need);
            dt = (Math.Sqrt(discriminant) - r0) / slope;
        }

        return TimeSpan.FromSeconds(t0 + Math.Clamp(dt, 0, t1 - t0));
    }
}
