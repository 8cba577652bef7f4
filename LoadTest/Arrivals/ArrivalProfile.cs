namespace Medisettle.LoadTest.Arrivals;

/// <summary>Shapes of offered load.</summary>
public enum ArrivalProfile
{
    /// <summary>The target rate throughout.</summary>
    Constant,

    /// <summary>From 10 % of the target rate up to the target rate.</summary>
    Ramp,

    /// <summary><see cref="ArrivalSchedule.MorningPeak"/> with the target rate as the peak.</summary>
    MorningPeak,
}
