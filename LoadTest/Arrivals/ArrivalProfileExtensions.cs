namespace Medisettle.LoadTest.Arrivals;

public static class ArrivalProfileExtensions
{
    public static ArrivalSchedule ToSchedule(this ArrivalProfile profile, double ratePerSecond, TimeSpan duration) => profile switch
    {
        ArrivalProfile.Constant => ArrivalSchedule.Constant(ratePerSecond, duration),
        ArrivalProfile.Ramp => ArrivalSchedule.Ramp(ratePerSecond / 10, ratePerSecond, duration),
        ArrivalProfile.MorningPeak => ArrivalSchedule.MorningPeak(ratePerSecond, duration),
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, "Unknown arrival profile."),
    };
}
