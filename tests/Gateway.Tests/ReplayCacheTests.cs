using Microsoft.Extensions.Time.Testing;
using Medisettle.Gateway.Security;

namespace Medisettle.Gateway.Tests;

public sealed class ReplayCacheTests
{
    [Fact]
    public void Same_key_is_a_replay_until_it_expires()
    {
        var clock = new FakeTimeProvider(TestGateway.Start);
        var cache = new ReplayCache(clock, entriesMax: 10);
        var expiry = TestGateway.Start.AddMinutes(5);

        var first = cache.TryRecord("a", expiry);
        clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromTicks(1));
        var beforeExpiry = cache.TryRecord("a", expiry);
        clock.Advance(TimeSpan.FromTicks(1));
        var atExpiry = cache.TryRecord("a", expiry.AddMinutes(5));

        Assert.Equal(ReplayCheck.Recorded, first);
        Assert.Equal(ReplayCheck.Replay, beforeExpiry);
        Assert.Equal(ReplayCheck.Recorded, atExpiry);
    }

    [Fact]
    public void Full_cache_refuses_new_keys_instead_of_forgetting_live_ones()
    {
        var clock = new FakeTimeProvider(TestGateway.Start);
        var cache = new ReplayCache(clock, entriesMax: 2);
        var expiry = TestGateway.Start.AddMinutes(5);
        cache.TryRecord("a", expiry);
        cache.TryRecord("b", expiry.AddMinutes(1));

        var whenFull = cache.TryRecord("c", expiry);
        clock.Advance(TimeSpan.FromMinutes(5));
        var afterOneExpired = cache.TryRecord("c", expiry.AddMinutes(5));

        Assert.Equal(ReplayCheck.Full, whenFull);
        Assert.Equal(ReplayCheck.Recorded, afterOneExpired);
        Assert.Equal(2, cache.Count);
        Assert.Equal(ReplayCheck.Replay, cache.TryRecord("b", expiry));
    }
}
