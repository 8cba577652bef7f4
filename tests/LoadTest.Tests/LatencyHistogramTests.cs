using Medisettle.LoadTest.Metrics;
using Xunit;

namespace Medisettle.LoadTest.Tests;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void Percentiles_of_1_to_100_are_exact()
    {
        var histogram = new LatencyHistogram();
        for (var v = 100; v >= 1; v--)
        {
            histogram.Record(v);
        }

        Assert.Equal(100, histogram.Count);
        Assert.Equal(50, histogram.PercentileMicroseconds(50));
        Assert.Equal(90, histogram.PercentileMicroseconds(90));
        Assert.Equal(99, histogram.PercentileMicroseconds(99));
        Assert.Equal(100, histogram.PercentileMicroseconds(99.9));
        Assert.Equal(100, histogram.MaxMicroseconds);
        Assert.Equal(1, histogram.PercentileMicroseconds(0));
        Assert.Equal(50.5, histogram.MeanMicroseconds);
    }

    [Fact]
    public void Large_values_report_their_bucket_top_within_one_in_128_and_never_above_the_max()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(1_000);
        histogram.Record(10_000);
        histogram.Record(1_000_000);

        Assert.Equal(1_003, histogram.PercentileMicroseconds(10)); // bucket [1000, 1003] at width 4
        Assert.Equal(10_047, histogram.PercentileMicroseconds(50)); // bucket [9984, 10047] at width 64
        Assert.Equal(1_000_000, histogram.PercentileMicroseconds(100)); // capped at the recorded max
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(255L)]
    [InlineData(256L)]
    [InlineData(257L)]
    [InlineData(511L)]
    [InlineData(512L)]
    [InlineData(123_456_789L)]
    [InlineData(LatencyHistogram.ValueMicrosecondsMax - 1)]
    public void Every_value_lies_in_its_bucket(long value)
    {
        var index = LatencyHistogram.IndexOf(value);
        var top = LatencyHistogram.HighestOf(index);

        Assert.True(top >= value);
        Assert.True(index == 0 || LatencyHistogram.HighestOf(index - 1) < value);
        Assert.True(top - value <= Math.Max(0, value / 128));
    }

    [Fact]
    public void Add_merges_counts_and_max()
    {
        var a = new LatencyHistogram();
        var b = new LatencyHistogram();
        a.Record(10);
        b.Record(20);
        b.Record(30);

        a.Add(b);

        Assert.Equal(3, a.Count);
        Assert.Equal(30, a.MaxMicroseconds);
        Assert.Equal(20, a.PercentileMicroseconds(50));
    }

    [Fact]
    public void Empty_histogram_reports_zero()
    {
        Assert.Equal(0, new LatencyHistogram().PercentileMicroseconds(99));
    }
}
