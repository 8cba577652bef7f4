using System.Globalization;
using Medisettle.LoadTest.Metrics;
using Xunit;

namespace Medisettle.LoadTest.Tests;

public sealed class LatencyHistogramTests
{
    /// <summary>1 ms … 1000 ms in microseconds, in a seeded shuffled order.</summary>
    private static long[] OneToOneThousandMilliseconds()
    {
        var values = Enumerable.Range(1, 1_000).Select(ms => ms * 1_000L).ToArray();
        new Random(12).Shuffle(values);
        return values;
    }

    [Theory]
    [InlineData(LatencyHistogram.SignificantDigitsDefault, 1_024)]
    [InlineData(LatencyHistogram.SignificantDigitsPerSecond, 128)]
    public void Percentiles_of_1_to_1000_ms_lie_at_most_one_bucket_width_above_the_true_value(int digits, long parts)
    {
        var histogram = new LatencyHistogram(digits);
        foreach (var value in OneToOneThousandMilliseconds())
        {
            histogram.Record(value);
        }

        Assert.Equal(1_000, histogram.Count);
        Assert.Equal(digits, histogram.SignificantDigits);
        foreach (var (percentile, expected) in new[] { (0.0, 1_000L), (50, 500_000), (90, 900_000), (99, 990_000), (99.9, 999_000) })
        {
            Assert.InRange(histogram.PercentileMicroseconds(percentile), expected, expected + expected / parts);
        }

        Assert.Equal(1_000_000, histogram.PercentileMicroseconds(100)); // the bucket's top is capped at the exact max
        Assert.Equal(1_000_000, histogram.MaxMicroseconds);
        Assert.Equal(500_500, histogram.MeanMicroseconds);
        Assert.Equal(0, histogram.AboveRangeCount);
    }

    [Fact]
    public void Percentiles_of_3_significant_digits_are_the_bucket_tops_of_hdrhistogram()
    {
        var histogram = new LatencyHistogram();
        foreach (var value in OneToOneThousandMilliseconds())
        {
            histogram.Record(value);
        }

        // 500,000 µs lies in [499,968, 500,223] (buckets 256 µs wide from 262,144 µs up); 990,000 in [989,696, 990,207].
        Assert.Equal(500_223, histogram.PercentileMicroseconds(50));
        Assert.Equal(990_207, histogram.PercentileMicroseconds(99));
    }

    [Fact]
    public void Values_below_2048_microseconds_are_exact()
    {
        var histogram = new LatencyHistogram();
        for (var v = 100; v >= 1; v--)
        {
            histogram.Record(v);
        }

        Assert.Equal(
            [1L, 50L, 90L, 99L, 100L, 100L],
            new[] { 0, 50, 90, 99, 99.9, 100 }.Select(histogram.PercentileMicroseconds));
        Assert.Equal(50.5, histogram.MeanMicroseconds);
        Assert.Equal(100, histogram.MaxMicroseconds);
    }

    [Fact]
    public void A_timespan_is_recorded_in_whole_microseconds()
    {
        var histogram = new LatencyHistogram();

        histogram.Record(TimeSpan.FromTicks(15_009)); // 1,500.9 µs

        Assert.Equal((1L, 1_500L, 1_500L), (histogram.Count, histogram.PercentileMicroseconds(50), histogram.MaxMicroseconds));
    }

    [Fact]
    public void Merged_per_second_histograms_hold_every_value_with_the_exact_max_and_mean()
    {
        var direct = new LatencyHistogram();
        var total = new LatencyHistogram();
        var sameDigits = new LatencyHistogram(LatencyHistogram.SignificantDigitsPerSecond);
        var seconds = Enumerable.Range(0, 10).Select(_ => new LatencyHistogram(LatencyHistogram.SignificantDigitsPerSecond)).ToArray();
        var values = OneToOneThousandMilliseconds();
        for (var i = 0; i < values.Length; i++)
        {
            seconds[i % seconds.Length].Record(values[i]);
            direct.Record(values[i]);
        }

        foreach (var second in seconds)
        {
            total.Add(second);
            sameDigits.Add(second);
        }

        Assert.Equal((1_000L, 1_000_000L, 500_500.0), (total.Count, total.MaxMicroseconds, total.MeanMicroseconds));
        Assert.Equal((1_000L, 1_000_000L, 500_500.0), (sameDigits.Count, sameDigits.MaxMicroseconds, sameDigits.MeanMicroseconds));
        foreach (var (percentile, expected) in new[] { (50.0, 500_000L), (90, 900_000), (99, 990_000), (99.9, 999_000) })
        {
            // Into 3 digits each per-second bucket is recorded at its lowest value: within 1/128 of the truth, either side.
            Assert.InRange(total.PercentileMicroseconds(percentile), expected - expected / 128, expected + expected / 128);
            Assert.InRange(sameDigits.PercentileMicroseconds(percentile), expected, expected + expected / 128);
        }

        // Merging histograms of the same precision loses nothing: the percentiles equal those recorded directly.
        var halves = new[] { new LatencyHistogram(), new LatencyHistogram() };
        for (var i = 0; i < values.Length; i++)
        {
            halves[i % 2].Record(values[i]);
        }

        halves[0].Add(halves[1]);
        Assert.Equal(direct.Summarize(), halves[0].Summarize());
    }

    [Fact]
    public void Many_threads_recording_at_once_lose_no_value()
    {
        const int threads = 8;
        const int perThread = 50_000;
        var histogram = new LatencyHistogram();
        using var start = new Barrier(threads + 1);
        var writers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 1; i <= perThread; i++)
            {
                histogram.Record(i); // every thread records 1 … 50,000 µs
            }
        })).ToArray();
        foreach (var writer in writers)
        {
            writer.Start();
        }

        start.SignalAndWait();
        while (writers.Any(w => w.IsAlive))
        {
            Assert.InRange(histogram.PercentileMicroseconds(99), 0, perThread + perThread / 1_024); // reading while recording
        }

        foreach (var writer in writers)
        {
            writer.Join();
        }

        Assert.Equal(threads * (long)perThread, histogram.Count);
        Assert.Equal(perThread, histogram.MaxMicroseconds);
        Assert.Equal((perThread + 1) / 2.0, histogram.MeanMicroseconds);
        Assert.InRange(histogram.PercentileMicroseconds(50), perThread / 2, perThread / 2 + perThread / 2 / 1_024);
    }

    [Fact]
    public void An_empty_histogram_reports_zero_everywhere()
    {
        var histogram = new LatencyHistogram();

        Assert.Equal(new LatencySummary(), histogram.Summarize());
        Assert.Equal(0, histogram.PercentileMicroseconds(100));
        Assert.Equal(0, histogram.MeanMicroseconds);
        Assert.Equal("# no latencies recorded\n", histogram.PercentileDistribution());
    }

    [Theory]
    [InlineData(LatencyHistogram.TrackableMicrosecondsMax + 1)]
    [InlineData(3_600_000_000L)] // an hour
    [InlineData(long.MaxValue)]
    public void A_value_above_the_trackable_max_is_counted_at_that_max_and_kept_as_the_exact_max(long value)
    {
        var histogram = new LatencyHistogram();
        histogram.Record(1_000);

        histogram.Record(value);

        Assert.Equal((2L, 1L, value), (histogram.Count, histogram.AboveRangeCount, histogram.MaxMicroseconds));
        Assert.Equal(1_000, histogram.PercentileMicroseconds(50));
        Assert.InRange(histogram.PercentileMicroseconds(100), LatencyHistogram.TrackableMicrosecondsMax, LatencyHistogram.TrackableMicrosecondsMax * 1_025 / 1_024);
        Assert.Equal(1L, histogram.Summarize().AboveRangeCount);
    }

    [Fact]
    public void The_trackable_max_itself_is_in_range_and_a_negative_value_counts_as_zero()
    {
        var histogram = new LatencyHistogram();

        histogram.Record(LatencyHistogram.TrackableMicrosecondsMax);
        histogram.Record(-5);

        Assert.Equal((2L, 0L), (histogram.Count, histogram.AboveRangeCount));
        Assert.Equal(0, histogram.PercentileMicroseconds(50));
        Assert.Equal(LatencyHistogram.TrackableMicrosecondsMax, histogram.PercentileMicroseconds(100));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(100.1)]
    public void A_percentile_outside_0_to_100_is_refused(double percentile)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LatencyHistogram().PercentileMicroseconds(percentile));
    }

    [Fact]
    public void Percentile_distribution_is_hdrhistogram_text_in_milliseconds_whatever_the_culture()
    {
        var histogram = new LatencyHistogram();
        foreach (var value in OneToOneThousandMilliseconds())
        {
            histogram.Record(value);
        }

        var culture = CultureInfo.CurrentCulture;
        var commaDecimals = (CultureInfo)CultureInfo.InvariantCulture.Clone(); // the tests run in globalization-invariant mode
        commaDecimals.NumberFormat.NumberDecimalSeparator = ",";
        CultureInfo.CurrentCulture = commaDecimals;
        string text;
        try
        {
            text = histogram.PercentileDistribution();
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }

        var lines = text.Split('\n');
        Assert.Equal("       Value     Percentile TotalCount 1/(1-Percentile)", lines[0]);
        Assert.Contains("     500.223 0.500000000000        500           2.00", lines);
        Assert.Contains("#[Max     =     1000.447, Total count    =         1000]", lines);
    }
}
