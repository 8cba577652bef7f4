using Medisettle.Gateway.Diagnostics;
using Medisettle.Interfaces.Platform;
using Microsoft.Extensions.Time.Testing;

namespace Medisettle.Gateway.Tests;

public sealed class RecentTrafficTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 3, 1, 2, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Settlements_per_second_average_the_last_complete_seconds()
    {
        var traffic = new RecentTraffic(_clock);
        for (var second = 0; second < RecentTraffic.RateSeconds; second++)
        {
            for (var i = 0; i < 3; i++)
            {
                traffic.Record("2207", Infcodes.Success, TimeSpan.FromMilliseconds(4));
            }

            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        traffic.Record("2207", Infcodes.Success, TimeSpan.FromMilliseconds(4)); // the current second is not complete: not in the rate

        var snapshot = traffic.Snapshot();
        Assert.Equal(3.0, snapshot.SettlementsPerSecond);
        Assert.Equal(31, snapshot.Settlements);
        Assert.Equal(5, snapshot.P50Milliseconds);
        Assert.Equal(RecentTraffic.WindowSeconds, snapshot.Seconds.Count);
        Assert.Equal(1, snapshot.Seconds[^1].Settlements);
        Assert.Equal(3, snapshot.Seconds[^2].Settlements);
    }

    [Theory]
    [InlineData("2207", Infcodes.Success, 1)]
    [InlineData("2304", Infcodes.Success, 1)]
    [InlineData("2102", Infcodes.Success, 1)]
    [InlineData("2206", Infcodes.Success, 0)]
    [InlineData("2207", 2001, 0)]
    public void Only_successful_settlement_transactions_count_as_settlements(string infno, int infcode, long expected)
    {
        var traffic = new RecentTraffic(_clock);

        traffic.Record(infno, infcode, TimeSpan.FromMilliseconds(1));

        Assert.Equal(expected, traffic.Snapshot().Settlements);
    }

    [Fact]
    public void P99_is_the_upper_bound_of_the_bucket_holding_the_99th_percentile()
    {
        var traffic = new RecentTraffic(_clock);
        for (var i = 0; i < 98; i++)
        {
            traffic.Record("2207", Infcodes.Success, TimeSpan.FromMilliseconds(0.8));
        }

        traffic.Record("2207", Infcodes.Success, TimeSpan.FromMilliseconds(40));
        traffic.Record("2207", Infcodes.Success, TimeSpan.FromMilliseconds(400));

        var snapshot = traffic.Snapshot();
        Assert.Equal(1, snapshot.P50Milliseconds);
        Assert.Equal(50, snapshot.P99Milliseconds);
    }

    [Fact]
    public void Seconds_older_than_the_window_drop_out_but_totals_stay()
    {
        var traffic = new RecentTraffic(_clock);
        traffic.Record("2207", Infcodes.Success, TimeSpan.FromMilliseconds(1));
        traffic.Record("2207", Infcodes.Unavailable, TimeSpan.Zero);

        _clock.Advance(TimeSpan.FromSeconds(RecentTraffic.WindowSeconds));
        var snapshot = traffic.Snapshot();

        Assert.Null(snapshot.P50Milliseconds);
        Assert.All(snapshot.Seconds, second => Assert.Equal((0, 0), (second.Settlements, second.BusyRefusals)));
        Assert.Equal((1, 1), (snapshot.Settlements, snapshot.BusyRefusals));
        Assert.Equal([new RefusalCount(Infcodes.Unavailable, 1)], snapshot.Refusals);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0.5, 0)]
    [InlineData(0.51, 1)]
    [InlineData(5000, 20)]
    [InlineData(5000.1, 21)]
    [InlineData(1e9, 21)]
    public void Latency_falls_into_the_first_bucket_whose_bound_holds_it(double milliseconds, int bucket)
    {
        Assert.Equal(bucket, RecentTraffic.BucketOf(milliseconds));
    }
}
