using Medisettle.LoadTest.Arrivals;
using Xunit;

namespace Medisettle.LoadTest.Tests;

public sealed class ArrivalScheduleTests
{
    [Fact]
    public void Constant_rate_spaces_arrivals_evenly()
    {
        var schedule = ArrivalSchedule.Constant(1_000, TimeSpan.FromSeconds(10));

        Assert.Equal(10_000, schedule.Count);
        Assert.Equal(0.0, schedule.IntendedOffset(0).TotalSeconds, 6);
        Assert.Equal(0.001, schedule.IntendedOffset(1).TotalSeconds, 6);
        Assert.Equal(5.0, schedule.IntendedOffset(5_000).TotalSeconds, 6);
        Assert.Equal(9.999, schedule.IntendedOffset(9_999).TotalSeconds, 6);
    }

    [Fact]
    public void Ramp_offers_the_integral_of_its_rate()
    {
        // 0 → 200/s over 10 s: Λ(t) = 10 t², 1,000 arrivals in all, the 250th at 5 s.
        var schedule = ArrivalSchedule.Ramp(0, 200, TimeSpan.FromSeconds(10));

        Assert.Equal(1_000, schedule.Count);
        Assert.Equal(5.0, schedule.IntendedOffset(250).TotalSeconds, 6);
        Assert.Equal(Math.Sqrt(10), schedule.IntendedOffset(100).TotalSeconds, 6);
        Assert.Equal(Math.Sqrt(99.9), schedule.IntendedOffset(999).TotalSeconds, 6);
    }

    [Fact]
    public void Morning_peak_holds_the_peak_in_its_second_quarter()
    {
        var schedule = ArrivalSchedule.MorningPeak(1_000, TimeSpan.FromSeconds(100));

        // Quarters offer (0.2+1)/2·25·1000 = 15,000, 25,000, (1+0.4)/2·25·1000 = 17,500, (0.4+0.25)/2·25·1000 = 8,125.
        Assert.Equal(65_625, schedule.Count);
        Assert.Equal(25.0, schedule.IntendedOffset(15_000).TotalSeconds, 6);
        Assert.Equal(37.5, schedule.IntendedOffset(27_500).TotalSeconds, 6);
        Assert.Equal(50.0, schedule.IntendedOffset(40_000).TotalSeconds, 6);
        Assert.Equal(1_000, schedule.PeakRatePerSecond);
    }

    [Fact]
    public void Intended_times_never_decrease()
    {
        var schedule = ArrivalProfile.MorningPeak.ToSchedule(500, TimeSpan.FromSeconds(20));
        var previous = TimeSpan.MinValue;
        for (long i = 0; i < schedule.Count; i++)
        {
            var offset = schedule.IntendedOffset(i);
            Assert.True(offset >= previous, $"arrival {i} at {offset} is before {previous}");
            previous = offset;
        }

        Assert.True(previous <= schedule.Duration);
    }

    [Fact]
    public void Offsets_beyond_the_schedule_are_refused()
    {
        var schedule = ArrivalSchedule.Constant(10, TimeSpan.FromSeconds(1));

        Assert.Throws<ArgumentOutOfRangeException>(() => schedule.IntendedOffset(10));
    }
}
