using Medisettle.LoadTest.Metrics;
using Xunit;

namespace Medisettle.LoadTest.Tests;

public sealed class TimeSeriesTests
{
    [Fact]
    public void Each_second_reports_the_percentiles_of_the_latencies_completed_in_it()
    {
        var series = new TimeSeries(TimeSpan.FromSeconds(3));
        for (var ms = 1; ms <= 100; ms++)
        {
            series.RecordCompleted(TimeSpan.FromMilliseconds((10 * ms) - 5), ms * 1_000L); // second 0: 1 … 100 ms
        }

        series.RecordCompleted(TimeSpan.FromSeconds(2.5), 7); // second 2: one of 7 µs
        series.RecordOffered(TimeSpan.FromSeconds(1.2));

        var samples = series.Samples();

        Assert.Equal([0, 1, 2], samples.Select(s => s.Second));
        Assert.Equal([100L, 0L, 1L], samples.Select(s => s.Completed));
        Assert.Equal([0L, 1L, 0L], samples.Select(s => s.Offered));
        Assert.InRange(samples[0].P50Microseconds, 50_000, 50_000 + 50_000 / 128); // 2 significant digits per second
        Assert.InRange(samples[0].P99Microseconds, 99_000, 99_000 + 99_000 / 128);
        Assert.Equal(100_000, samples[0].MaxMicroseconds);
        Assert.Equal((0L, 0L, 0L), (samples[1].P50Microseconds, samples[1].P99Microseconds, samples[1].MaxMicroseconds));
        Assert.Equal((7L, 7L, 7L), (samples[2].P50Microseconds, samples[2].P99Microseconds, samples[2].MaxMicroseconds));
    }
}
