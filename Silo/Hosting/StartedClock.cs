namespace Medisettle.Silo.Hosting;

/// <summary>
/// A settlement clock that starts at a given instant and advances with real time from there
/// (<c>--clock-start</c>): for test and training environments and replays of historical days, so settlements are
/// dated in the reference packs' years. Timers and timestamps (<see cref="GetTimestamp"/>) stay real.
/// </summary>
public sealed class StartedClock : TimeProvider
{
    private readonly TimeProvider _real;
    private readonly TimeSpan _offset;

    public StartedClock(TimeProvider real, DateTimeOffset start)
    {
        ArgumentNullException.ThrowIfNull(real);
        _real = real;
        _offset = start - real.GetUtcNow();
        Start = start;
    }

    /// <summary>The instant the clock showed when it was made.</summary>
    public DateTimeOffset Start { get; }

    public override DateTimeOffset GetUtcNow() => _real.GetUtcNow() + _offset;

    public override TimeZoneInfo LocalTimeZone => _real.LocalTimeZone;

    public override long TimestampFrequency => _real.TimestampFrequency;

    public override long GetTimestamp() => _real.GetTimestamp();
}
